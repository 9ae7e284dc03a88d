"""The README tells the truth: every command is documented, the set-up commands are real, CI runs them."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import tomllib
from click.testing import CliRunner

from converter.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group = main, prefix: str = "kamervragen") -> list[tuple[str, click.Command]]:
    """Every command under the group, subgroups walked, as ('kamervragen sub cmd', command)."""
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, f"{prefix} {name}"))
    return found


COMMANDS = all_commands()


def shell_blocks(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"```(?:sh|bash|console)\n(.*?)```", text, flags=re.S)]


def test_the_group_has_commands() -> None:
    names = [n for n, _ in COMMANDS]
    assert "kamervragen convert" in names and "kamervragen validate" in names


@pytest.mark.parametrize("name,command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_command_has_help(name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"{name} has no docstring/help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip() or param.is_flag and param.name == "help", \
                f"{name} {param.opts[0]} has no help text"
    result = CliRunner().invoke(main, [*name.split()[1:], "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_command_appears_in_readme(name: str) -> None:
    assert re.search(rf"`{re.escape(name)}(?:[ `])", README), f"README.md does not document `{name}`"


def test_readme_documents_the_exit_codes() -> None:
    table = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert [int(c) for c in re.findall(r"^\|\s*(\d)\s*\|", table, flags=re.M)] == [0, 1, 2]


def test_readme_set_up_commands_exist_and_refer_to_real_things() -> None:
    blocks = shell_blocks(README)
    install = next(b for b in blocks if "pip install ." in b)
    tests = next(b for b in blocks if "pytest" in b)
    assert "python3 -m venv .venv" in install and "kamervragen convert examples/letters" in install
    assert list((REPO / "examples" / "letters").glob("*.txt")), "the quick start converts examples/letters"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["kamervragen"] == "converter.cli:main"
    assert "pip install -e '.[test]'" in tests and "test" in project["optional-dependencies"]


def test_ci_runs_the_readme_test_command() -> None:
    tests = next(b for b in shell_blocks(README) if "pytest" in b)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [x.strip() for x in ci.splitlines() if x.strip() and not x.strip().startswith("#")]
    assert tests in commands, f".ci/run does not run the README's test command:\n{tests}"
