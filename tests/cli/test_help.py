"""Every command's --help shows how to run it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newstrace.cli import main


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_help_of_every_command_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: newstrace " + command in result.output
