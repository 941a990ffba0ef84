"""``chutecode serve``: the web playground on this computer."""

from __future__ import annotations

import click

__all__ = ["command"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this computer's own (127.0.0.1, ::1, localhost) "
                   "opens the playground to the network, with a warning.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the playground in the web browser.")
def command(host: str, port: int, open_browser: bool) -> None:
    """Serve the playground: type a message, see the canopy, download it and share the link.

    It runs on the standard library's threaded WSGI server until Ctrl-C. Any
    WSGI server can run the same application, chutecode.web:app.

    \b
    Examples:
      chutecode serve --open
      chutecode serve --port 0
    """
    from chutecode.web.server import is_loopback, serve

    if not is_loopback(host):
        click.echo(f"warning: --host {host} serves the playground to other computers on the network; "
                   "it has no login, so anyone who reaches it can use it", err=True)
    try:
        serve(host, port, open_browser=open_browser)
    except OSError as exc:
        # Shown by the command line as one line: cannot use '127.0.0.1:8000': Address already in use.
        raise OSError(exc.errno, exc.strerror or str(exc), f"{host}:{port}") from None
