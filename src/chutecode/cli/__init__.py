"""The ``chutecode`` command line.

Every command lives in its own module, named in :data:`COMMANDS` with the one
line ``chutecode --help`` shows for it; a command's module (and the library
it needs) is imported only when that command runs or shows its help. Errors
are printed as one line on stderr: exit code 2 for bad usage or input, 1 for
other failures; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from chutecode._version import __version__
from chutecode.errors import ChutecodeError

__all__ = ["cli", "main", "COMMANDS"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: Every command: its module under ``chutecode.cli`` and the first sentence of its help, which
#: ``chutecode --help`` lists (a test keeps them equal to the commands' own help).
COMMANDS: dict[str, tuple[str, str]] = {
    "encode": ("encode_cmd", "Encode MESSAGE (and a place) into canopy ring bits."),
    "decode": ("decode_cmd", "Decode a canopy picture (IMAGE, e.g. a PNG), ring bits (--bits) or a layout "
               "(--layout)."),
    "render": ("render_cmd", "Draw MESSAGE (and a place) as a parachute canopy."),
    "show": ("show_cmd", "Show MESSAGE (and a place) as a canopy in the terminal."),
    "palettes": ("palettes_cmd", "List the named palettes: swatches of one, zero, spacer, terminator, fill, "
                 "seam and background, and what each is for."),
    "batch": ("batch_cmd", "Make one design per row of ROWS (CSV with a header, JSON Lines, or TOML "
              "[[poster]])."),
    "gallery": ("gallery_cmd", "Make every [[design]] of SPEC by running its command, and write the gallery "
                "page."),
    "serve": ("serve_cmd", "Serve the playground: type a message, see the canopy, download it and share "
              "the link."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are used, not when the program starts."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The command names, sorted as click sorts them."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``, its module imported now; None for an unknown name."""
        if cmd_name not in COMMANDS:
            return None
        import importlib

        module = importlib.import_module(f"chutecode.cli.{COMMANDS[cmd_name][0]}")
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their lines from :data:`COMMANDS`, importing none of them."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, _shortened(COMMANDS[name][1], limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _shortened(text: str, limit: int) -> str:
    """``text`` cut after whole words to at most ``limit`` characters with ``...``, as click shortens help."""
    if len(text) <= limit:
        return text
    kept = ""
    for word in text.split():
        longer = f"{kept} {word}".strip()
        if len(longer) + 3 > limit:
            break
        kept = longer
    return kept + "..."


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="chutecode")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def cli(debug: bool) -> None:
    """Encode messages and places as parachute ring codes and draw them."""



def _error(message: str) -> None:
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.print(f"[bold red]error:[/] {message}", markup=True) if console.is_terminal else \
        print(f"error: {message}", file=sys.stderr)


def _cli_words(message: str) -> str:
    """``message`` in the words of the command line (:mod:`chutecode.cli.speak`, imported for an error)."""
    from chutecode.cli.speak import cli_words as spoken

    return spoken(message)


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
        _error(_cli_words(exc.format_message().replace("\n", " ")) + hint)
        code = 2
    except click.Abort:
        _error("aborted")
        code = 1
    except ChutecodeError as exc:
        if debug:
            raise
        _error(_cli_words(str(exc).replace("\n", " ")))
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
