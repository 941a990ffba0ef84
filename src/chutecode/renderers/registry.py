"""The renderer registry: output formats by name and file extension.

Built-in formats are registered here; other packages add theirs under the
entry-point group ``chutecode.renderers``: the entry point's name is the
format, its object a :class:`Renderer` (a callable ``renderer(drawing, stream)``),
optionally with an ``extensions`` attribute (default: the format name) and a
``render_pages(drawings, stream)`` method that writes several pages as one file
(without it, several pages are written one file a page). A plugin that fails to load is listed by
:func:`broken_renderers` and refused with its reason when asked for; it never
stops the others from working.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol, runtime_checkable

from chutecode.errors import RenderError

if TYPE_CHECKING:
    from chutecode.drawing.drawing import Drawing

__all__ = [
    "Renderer", "PagesWriter", "ENTRY_POINT_GROUP", "RendererInfo", "register_renderer",
    "unregister_renderer", "get_renderer",
    "renderer_for", "available_formats", "format_for_path", "broken_renderers", "reload_plugins",
]

ENTRY_POINT_GROUP = "chutecode.renderers"


@runtime_checkable
class Renderer(Protocol):
    """An output format: writes a :class:`Drawing` into a binary stream.

    A plain function ``def render_x(drawing, stream) -> None`` is a renderer.
    It may carry an ``extensions`` attribute (list of file extensions) when
    it is registered through an entry point.
    """

    def __call__(self, drawing: Drawing, stream: BinaryIO) -> None:
        """Write ``drawing`` to ``stream``; raise a ChutecodeError on bad input."""


#: Writes several drawings as the pages of one file: ``writer(drawings, stream)``.
PagesWriter = Callable[[Sequence["Drawing"], BinaryIO], None]


@dataclass(frozen=True)
class RendererInfo:
    """A registered format: its name, renderer, file extensions and origin.

    ``pages`` writes several drawings as the pages of one file; ``None`` for a
    format that holds one page (several pages are then one file a page).
    """

    name: str
    renderer: Renderer
    extensions: tuple[str, ...]
    description: str = ""
    origin: str = "built-in"
    pages: PagesWriter | None = None


_REGISTRY: dict[str, RendererInfo] = {}
_BROKEN: dict[str, str] = {}
_plugins_loaded = False


def _normalise_ext(ext: str) -> str:
    return ext.strip().lower().lstrip(".")


def register_renderer(name: str, renderer: Renderer, extensions: Iterable[str] | None = None, *,
                      description: str = "", replace: bool = False, origin: str = "registered",
                      pages: PagesWriter | None = None) -> None:
    """Register ``renderer`` for format ``name`` and its file ``extensions``.

    ``renderer(drawing, stream)`` writes a :class:`~chutecode.drawing.drawing.Drawing`
    into a binary stream; ``pages(drawings, stream)``, when given (or when the
    renderer has a ``render_pages`` attribute), writes several as one file.
    Registering a name that exists raises :class:`RenderError` unless
    ``replace`` is true.
    """
    key = name.strip().lower()
    if not key or not callable(renderer):
        raise RenderError(f"renderer {name!r} is not valid: give a format name and a callable "
                          "renderer(drawing, stream)")
    if key in _REGISTRY and not replace:
        raise RenderError(f"format {key!r} is already registered: pass replace=True to override it")
    exts = tuple(_normalise_ext(e) for e in (extensions if extensions is not None else [key]))
    if pages is None:
        pages = getattr(renderer, "render_pages", None)
    _REGISTRY[key] = RendererInfo(key, renderer, exts, description, origin, pages)
    _BROKEN.pop(key, None)


def unregister_renderer(name: str) -> None:
    """Remove format ``name`` from the registry (no error when it is absent)."""
    _REGISTRY.pop(name.strip().lower(), None)


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib import metadata  # only when plugins are first needed

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        key = ep.name.strip().lower()
        if key in _REGISTRY:
            continue
        try:
            obj: Any = ep.load()
            extensions = getattr(obj, "extensions", None) or [key]
            if isinstance(extensions, str):
                extensions = [extensions]
            register_renderer(key, obj, extensions, description=str(getattr(obj, "description", "")),
                              origin=f"plugin {ep.value}")
        except Exception as exc:  # noqa: BLE001 - a broken plugin is reported, never fatal
            _BROKEN[key] = f"{ep.value}: {type(exc).__name__}: {exc}"


def reload_plugins() -> None:
    """Forget plugin formats and load the ``chutecode.renderers`` entry points again."""
    global _plugins_loaded
    for key in [k for k, info in _REGISTRY.items() if info.origin.startswith("plugin ")]:
        del _REGISTRY[key]
    _BROKEN.clear()
    _plugins_loaded = False
    _load_plugins()


def available_formats() -> dict[str, RendererInfo]:
    """Every working format (built-ins and plugins), by name."""
    _load_plugins()
    return dict(_REGISTRY)


def broken_renderers() -> dict[str, str]:
    """Plugin formats that failed to load, with the reason."""
    _load_plugins()
    return dict(_BROKEN)


def get_renderer(name: str) -> RendererInfo:
    """The registered format ``name``; raises :class:`RenderError` when unknown or broken.

    A registered name is found without looking for plugins (built-ins win over
    plugins anyway), so the common formats never read the installed packages'
    entry points.
    """
    key = str(name).strip().lower().lstrip(".")
    if key in _REGISTRY:
        return _REGISTRY[key]
    _load_plugins()
    if key in _REGISTRY:
        return _REGISTRY[key]
    for info in _REGISTRY.values():
        if key in info.extensions:
            return info
    if key in _BROKEN:
        raise RenderError(f"format {name!r} comes from a plugin that failed to load ({_BROKEN[key]})")
    raise RenderError(f"format {name!r} is not known: use one of {', '.join(sorted(_REGISTRY))}")


def format_for_path(path: str) -> str:
    """The format registered for the extension of ``path``; raises :class:`RenderError`.

    Registered extensions are found before plugins are looked for (as in :func:`get_renderer`).
    """
    name = str(path)
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    ext = _normalise_ext(base.rsplit(".", 1)[1]) if "." in base.strip(".") else ""
    for info in _REGISTRY.values():
        if ext and ext in info.extensions:
            return info.name
    _load_plugins()
    if not ext:
        raise RenderError(f"output {name!r} has no file extension: add one ({_extension_list()}) "
                          "or give a format with format=")
    for info in _REGISTRY.values():
        if ext in info.extensions:
            return info.name
    for key, reason in _BROKEN.items():
        if ext == key:
            raise RenderError(f"extension {'.' + ext!r} belongs to a plugin that failed to load ({reason})")
    raise RenderError(f"extension {'.' + ext!r} of {name!r} is not known: use {_extension_list()} "
                      "or give a format with format=")


def renderer_for(out: Any, format: str | None) -> RendererInfo:
    """The format for output ``out`` (a path or stream) and an explicit ``format``."""
    is_path = isinstance(out, (str, bytes)) or hasattr(out, "__fspath__")
    if format is not None:
        info = get_renderer(format)
        if is_path:
            _check_extension(info, os.fsdecode(out))
        return info
    if is_path:
        return get_renderer(format_for_path(os.fsdecode(out)))
    raise RenderError("output is a stream without a file name: give format= (e.g. format='png')")


def _check_extension(info: RendererInfo, path: str) -> None:
    """Refuse a path whose extension belongs to another format than ``info`` (``-f svg -o a.png``)."""
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base.strip("."):
        return
    ext = _normalise_ext(base.rsplit(".", 1)[1])
    if ext in info.extensions or not info.extensions:
        return  # a format with no extension of its own (cut files are SVG) takes any name
    for other in _REGISTRY.values():
        if ext in other.extensions:
            raise RenderError(f"format={info.name!r} does not match the extension {'.' + ext!r} of {path!r} "
                              f"({other.name.upper()}): name the file .{info.extensions[0]}, or leave out "
                              f"format= to write {other.name.upper()}")


def _extension_list() -> str:
    exts = sorted({e for info in _REGISTRY.values() for e in info.extensions})
    return ", ".join("." + e for e in exts)


def _lazy(module: str, attr: str) -> Any:
    def renderer(*args: Any) -> None:
        getattr(importlib.import_module(module), attr)(*args)

    renderer.__name__ = attr
    renderer.__doc__ = f"Built-in renderer {module}.{attr} (imported on first use)."
    return renderer


_PDF_PAGES = _lazy("chutecode.renderers.cairo", "render_pdf_pages")

for _name, _module, _attr, _exts, _desc in (
    ("svg", "chutecode.renderers.svg", "render_svg", ("svg",), "SVG vector drawing (svgwrite)"),
    ("png", "chutecode.renderers.cairo", "render_png", ("png",), "PNG raster with its DPI (cairo)"),
    ("pdf", "chutecode.renderers.cairo", "render_pdf", ("pdf",), "PDF vector page (cairo)"),
    ("eps", "chutecode.renderers.cairo", "render_eps", ("eps",), "Encapsulated PostScript (cairo)"),
    ("ps", "chutecode.renderers.cairo", "render_ps", ("ps",), "PostScript page (cairo)"),
    ("tiff", "chutecode.renderers.cairo", "render_tiff", ("tif", "tiff"),
     "CMYK TIFF through an ICC profile (needs cmyk_profile)"),
    ("jpeg", "chutecode.renderers.cairo", "render_jpeg", ("jpg", "jpeg"),
     "CMYK JPEG through an ICC profile (needs cmyk_profile)"),
    ("cut", "chutecode.renderers.cut", "render_cut", (),
     "SVG cut file: closed outlines, one layer a colour, hairline, no fill (write it to .svg)"),
    ("gif", "chutecode.renderers.animation", "render_gif", ("gif",),
     "animated GIF: the canopy revealed as it is read (Pillow)"),
    ("apng", "chutecode.renderers.animation", "render_apng", ("apng",),
     "animated PNG: the canopy revealed as it is read (Pillow)"),
    ("animated-svg", "chutecode.renderers.animation_svg", "render_animated_svg", (),
     "animated SVG (CSS, no script): the canopy revealed as it is read (write it to .svg)"),
):
    register_renderer(_name, _lazy(_module, _attr), _exts, description=_desc, origin="built-in",
                      pages=_PDF_PAGES if _name == "pdf" else None)
