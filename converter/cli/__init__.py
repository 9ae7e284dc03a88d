"""The `kamervragen` command line: the only layer that prints or picks exit codes.

Exit codes: 0 success / conforms, 1 does not conform, 2 usage or input error."""

from __future__ import annotations

import click

from .. import __version__


class InputProblem(click.ClickException):
    """An input or usage error: exit code 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kamervragen")
def main() -> None:
    """Dutch written parliamentary questions and their answers as Linked Data."""


from .convert import convert  # noqa: E402  (commands register on the group above)
from .fetch import fetch  # noqa: E402
from .publish import publish  # noqa: E402
from .query import push, query, serve  # noqa: E402
from .validate import validate  # noqa: E402

main.add_command(convert)
main.add_command(validate)
main.add_command(fetch)
main.add_command(publish)
main.add_command(query)
main.add_command(serve)
main.add_command(push)
