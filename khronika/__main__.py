"""`python -m khronika`: the command line."""

from .cli import main

main()
