"""The ``chutecode`` command line.

Every command lives in its own module and is added to the :data:`cli` group
here. Errors are printed as one line on stderr: exit code 2 for bad usage or
input, 1 for other failures; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from chutecode._version import __version__
from chutecode.cli.speak import cli_words
from chutecode.errors import ChutecodeError

__all__ = ["cli", "main"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="chutecode")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Encode messages and places as parachute ring codes and draw them."""


def _register() -> None:
    from chutecode.cli import (
        batch_cmd,
        decode_cmd,
        encode_cmd,
        gallery_cmd,
        palettes_cmd,
        render_cmd,
        serve_cmd,
        show_cmd,
    )

    for module in (encode_cmd, decode_cmd, render_cmd, show_cmd, palettes_cmd, batch_cmd, gallery_cmd,
                   serve_cmd):
        cli.add_command(module.command)


_register()


def _error(message: str) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]error:[/] {message}", markup=True) if console.is_terminal else \
        print(f"error: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line and exit with its status."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("CHUTECODE_DEBUG"))
    try:
        code = cli.main(args=args, prog_name="chutecode", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.UsageError as exc:
        if debug:
            raise
        hint = f" (see 'chutecode {exc.ctx.command_path.partition(' ')[2]} --help')".replace(
            "chutecode  --help", "chutecode --help") if exc.ctx else ""
        _error(cli_words(exc.format_message().replace("\n", " ")) + hint)
        code = 2
    except click.Abort:
        _error("aborted")
        code = 1
    except ChutecodeError as exc:
        if debug:
            raise
        _error(cli_words(str(exc).replace("\n", " ")))
        code = 2
    except OSError as exc:
        if debug:
            raise
        where = f" {exc.filename!r}" if exc.filename else ""
        _error(f"cannot use{where}: {exc.strerror or exc}")
        code = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence, shown as one line
        if debug:
            raise
        _error(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
