"""A click group whose subcommands are imported only when run, so a command pays for its own imports only
(`kamervragen --version` imports no RDF library at all). The pattern of click's docs ("Lazily Loading
Subcommands"), with each command's one-line help kept beside its import path so that `--help` lists the
commands without importing them; tests/test_startup.py checks those lines against the commands' own."""

from __future__ import annotations

import importlib

import click


class LazyGroup(click.Group):
    """Subcommands given as {name: ("package.module:attribute", short help)}."""

    def __init__(self, *args: object, lazy_subcommands: dict[str, tuple[str, str]] | None = None,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands and cmd_name not in self.commands:
            self.add_command(self._load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, attribute = self.lazy_subcommands[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command

    def _listed(self, name: str) -> click.Command:
        """The command if loaded, else a stand-in holding its help (shortened by click's own rule)."""
        if name in self.commands:
            return self.commands[name]
        return click.Command(name, help=self.lazy_subcommands[name][1])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of --help as click.Group writes it, from the help kept here (nothing imported)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._listed(name).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
