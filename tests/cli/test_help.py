"""Every command's --help shows how to run it; `newstrace --help` imports no command."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from newstrace.cli import COMMANDS, main

HEAVY_MODULES = ("trafilatura", "spacy", "numba", "ray", "rapidfuzz", "datasette", "pyarrow")
NAMES = main.list_commands(click.Context(main))


@pytest.mark.parametrize("command", NAMES)
def test_cli_help_of_every_command_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: newstrace " + command in result.output


@pytest.mark.parametrize("command", NAMES)
def test_cli_help_list_says_what_the_command_says(command: str) -> None:
    loaded = main.get_command(click.Context(main), command)
    assert loaded is not None and loaded.name == command
    first_paragraph = " ".join((loaded.help or "").split("\n\n")[0].split())
    assert first_paragraph.startswith(COMMANDS[command].summary.rstrip("."))


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["articles", "--help"]])
def test_cli_help_imports_no_heavy_module(args: list[str]) -> None:
    code = (
        "import sys\nfrom newstrace.cli import main\n"
        f'try:\n    main({args!r}, prog_name="newstrace")\nexcept SystemExit:\n    pass\n'
        f"print([m for m in {HEAVY_MODULES!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage: newstrace" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"
