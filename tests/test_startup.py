"""Each command imports what it uses: `--help` and `--version` no RDF library, `validate` no pySHACL, SPARQL
parser, HTTP client or fetch package (checked in a fresh interpreter; benchmarks/bench_startup.py times it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from converter.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "shapes" / "AnswerShape-text-invalid-01.ttl"
HEAVY = ("pyshacl", "rdflib.plugins.sparql", "requests", "converter.fetch", "converter.read.interpret")


def _imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running code."""
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_cli_imports_no_command() -> None:
    modules = _imported_after("import converter.cli")
    assert "converter.cli" in modules
    assert not [m for m in (*HEAVY, "rdflib", "pyoxigraph", "converter.cli.convert") if m in modules]


def test_version_and_help_import_no_rdf_library() -> None:
    for args in (["--version"], ["--help"]):
        modules = _imported_after(f"from converter.cli import main\ntry:\n    main({args!r})\n"
                                  "except SystemExit:\n    pass")
        assert "click" in modules and "rdflib" not in modules, args


def test_validate_imports_only_what_it_uses() -> None:
    modules = _imported_after(f"from converter.cli import main\ntry:\n    main(['validate', {str(RECORD)!r}])\n"
                              "except SystemExit:\n    pass")
    assert "pyshacl_turbo" in modules  # it did validate
    assert [m for m in HEAVY if m in modules] == []
    assert not any(m.startswith("converter.cli.") and m not in {"converter.cli.validate", "converter.cli.lazy"}
                   for m in modules)


def test_help_lists_each_command_as_click_would() -> None:
    """The help kept beside each lazy command is the command's own: --help reads the same as a plain click group
    with every command imported."""
    plain = click.Group(name="main", help=main.help, params=main.params,
                        context_settings={"help_option_names": ["-h", "--help"]})
    for name, (where, short) in COMMANDS.items():
        module, attribute = where.split(":")
        command = getattr(__import__(module, fromlist=[attribute]), attribute)
        assert " ".join((command.help or "").split()) == short, name
        plain.add_command(command, name)
    lazy = CliRunner().invoke(main, ["--help"], prog_name="kamervragen")
    loaded = CliRunner().invoke(plain, ["--help"], prog_name="kamervragen")
    assert lazy.exit_code == 0 and lazy.output == loaded.output
    assert all(name in lazy.output for name in COMMANDS)


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["valideer"])
    assert result.exit_code == 2 and "No such command 'valideer'" in result.output
