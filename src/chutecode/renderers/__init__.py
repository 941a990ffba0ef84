"""Drawings into files: the :func:`render` entry point, the :class:`Renderer`
protocol and the format registry.

>>> import chutecode, io
>>> buffer = io.BytesIO()
>>> _ = chutecode.render(chutecode.encode("DARE"), buffer, format="svg", size="10cm")
>>> buffer.getvalue()[:5]
b'<?xml'
"""

from __future__ import annotations

from chutecode.renderers.api import (
    as_design,
    numbered_paths,
    render,
    render_drawing,
    render_drawings,
    render_pages,
)
from chutecode.renderers.registry import (
    ENTRY_POINT_GROUP,
    Renderer,
    RendererInfo,
    available_formats,
    broken_renderers,
    format_for_path,
    get_renderer,
    register_renderer,
    reload_plugins,
    unregister_renderer,
)

__all__ = [
    "render", "render_pages", "render_drawing", "render_drawings", "as_design", "numbered_paths",
    "Renderer", "ENTRY_POINT_GROUP", "RendererInfo", "available_formats", "broken_renderers",
    "format_for_path", "get_renderer", "register_renderer", "reload_plugins", "unregister_renderer",
]
