"""Docs that cannot rot: every command is in the README and has help."""

import re

import click
from click.testing import CliRunner

from khronika.cli.main import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


def test_docs_every_command_is_in_readme_and_has_help():
    for path, command in commands(main):
        assert f"khronika {' '.join(path)}" in README, path
        assert command.help, path
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0


def test_docs_options_in_readme_exist():
    known = {opt for _, c in commands(main) for p in c.params for opt in p.opts}
    known |= {opt for p in main.params for opt in p.opts}
    for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", README)):
        assert option in known | {"--help"}, option


def test_docs_two_commands_exist_in_makefile_and_ci():
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:", MAKEFILE, re.M) and re.search(r"^test:", MAKEFILE, re.M)
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
