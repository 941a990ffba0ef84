"""Showing canopies and decodings: in a terminal, and in Jupyter and other notebooks.

:class:`~chutecode.canopy.Canopy` shows itself in a notebook (``_repr_svg_``,
``_repr_png_``). A :class:`~chutecode.ringcode.decoder.Decoded` belongs to the
ring-code layer, which knows no drawing, so it cannot draw itself: the
package face teaches IPython how to show it instead, as the canopy that was
read with its table (:func:`decoded_html`). That happens when ``chutecode``
is imported inside a running IPython, and with ``%load_ext chutecode``.

>>> import chutecode
>>> decoded = chutecode.decode(chutecode.encode("HI"))
>>> "<table" in decoded_html(decoded) and "<svg" in decoded_html(decoded)
True
"""

from __future__ import annotations

import html
import sys
from typing import Any, TextIO

from chutecode.canopy import Canopy
from chutecode.errors import RenderError
from chutecode.ringcode.decoder import Decoded
from chutecode.ringcode.layout import Layout

__all__ = ["show", "decoded_html", "register_notebook_display", "load_ipython_extension"]

#: How large the canopy that was read shows beside its table.
DECODED_SIZE = "80mm"


def show(item: Canopy | Layout | Decoded, out: TextIO | None = None, *, width: int | None = None,
         colour: bool | None = None, **options: Any) -> None:
    """Print a preview of a canopy, a layout or a decoding into ``out`` (standard output).

    A :class:`Decoded` shows the canopy that was read and then how each ring
    read. ``width`` and ``colour`` are as for :meth:`Canopy.terminal`;
    ``options`` are design options.
    """
    stream = sys.stdout if out is None else out
    if isinstance(item, Decoded):
        from chutecode.ringcode.report import decoded_report

        Canopy.from_decoded(item, **options).terminal(stream, width=width, colour=colour)
        stream.write("\n" + decoded_report(item))
        stream.flush()
        return
    if isinstance(item, Layout):
        item = Canopy(item)
    if not isinstance(item, Canopy):
        raise RenderError(f"{item!r:.60} cannot be shown: give a Canopy (chutecode.make), a Layout or a "
                          "Decoded")
    item.replace(**options).terminal(stream, width=width, colour=colour) if options else \
        item.terminal(stream, width=width, colour=colour)


def decoded_html(decoded: Decoded, **options: Any) -> str:
    """HTML of a decoding: the canopy that was read (its symbols on their groups) and its table.

    ``options`` are design options of the picture (by default 80 mm across,
    symbols written on their groups).
    """
    design = {"size": DECODED_SIZE, "annotate": True, "palette": "perseverance", **options}
    e = html.escape
    try:
        picture = Canopy.from_decoded(decoded, **design).svg(inline=True)
    except ValueError as exc:  # a Decoded made by hand: the table alone, and why
        picture = f"<p><em>{e(str(exc))}</em></p>"
    place = "(none)"
    if decoded.coordinates is not None:
        place = f"{decoded.coords_text} ({decoded.latitude:.6f}, {decoded.longitude:.6f})"
    head = (f"<tr><th style='text-align:left'>message</th><td colspan='5'>{e(decoded.message)}</td></tr>"
            f"<tr><th style='text-align:left'>place</th><td colspan='5'>{e(place)}</td></tr>"
            f"<tr><th style='text-align:left'>code</th><td colspan='5'>codec {e(decoded.codec)}, flow "
            f"{e(decoded.flow)}</td></tr>"
            "<tr><th>ring</th><th>kind</th><th>rotation</th><th>start group</th><th>symbols</th>"
            "<th>text</th></tr>")
    rows = "".join(
        f"<tr><td>{ring.number}</td><td>{e(ring.kind)}</td>"
        f"<td>{'-' if ring.rotation is None else ring.rotation}</td><td>{ring.start_group}</td>"
        f"<td>{e(' '.join(str(value) for value in ring.symbols))}</td><td>{e(ring.text)}</td></tr>"
        for ring in decoded.rings)
    return ("<div class='chutecode-decoded' style='display:flex;flex-wrap:wrap;gap:1em;"
            f"align-items:flex-start'><div>{picture}</div><table>{head}{rows}</table></div>")


def register_notebook_display(ipython: Any = None) -> bool:
    """Teach a running IPython to show :class:`Decoded` values as :func:`decoded_html`.

    ``ipython`` is the shell (by default the running one). Returns whether a
    shell was found.
    """
    if ipython is None:
        module = sys.modules.get("IPython")
        get = getattr(module, "get_ipython", None) if module is not None else None
        ipython = get() if get is not None else None
    if ipython is None:
        return False
    formatter = ipython.display_formatter.formatters["text/html"]
    formatter.for_type(Decoded, decoded_html)
    return True


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext chutecode``: show decodings as the canopy read and its table."""
    register_notebook_display(ipython)
