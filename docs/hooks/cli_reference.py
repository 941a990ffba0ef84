"""MkDocs hook: fill the CLI reference from the command line's own help text,
so the page cannot drift from the code."""

from __future__ import annotations

from typing import Any

import click

MARKER = "<!-- cli-reference -->"


def _help(command: click.Command, path: list[str]) -> str:
    with click.Context(command, info_name=" ".join(path)) as ctx:
        return command.get_help(ctx)


def cli_reference() -> str:
    """Markdown with the help of ``chutecode`` and of every subcommand."""
    from chutecode.cli import cli

    parts = ["## chutecode", "", "```text", _help(cli, ["chutecode"]), "```", ""]
    with click.Context(cli, info_name="chutecode") as ctx:
        names = cli.list_commands(ctx)
    for name in names:
        command = cli.get_command(ctx, name)
        if command is None:
            continue
        parts += [f"## chutecode {name}", "", "```text", _help(command, ["chutecode", name]), "```", ""]
    return "\n".join(parts)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the marker with the generated reference."""
    if MARKER in markdown:
        return markdown.replace(MARKER, cli_reference())
    return markdown
