"""`python -m khronika.cli`: the command line."""

from .main import main

main()
