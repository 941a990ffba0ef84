"""Loading cairocffi fast: its C declarations parsed once, then kept as a Python module.

``import cairocffi`` parses cairo's whole C header with pycparser every time a
process starts (``cairocffi.ffi`` calls ``FFI.cdef``), which costs more than
drawing a large canopy. cffi can write the parsed declarations out as a small
Python module (its "out-of-line ABI mode") that loads in a few milliseconds.
:func:`install` adds an import hook for ``cairocffi.ffi`` only: the first
process parses the header as usual and writes that module into the user's
cache folder (:func:`cache_folder`); later processes load it instead of
parsing. The cache file's name carries a digest of cairocffi's declarations
and the cffi version, so another cairocffi or cffi makes a new one.

cairocffi also looks for libcairo under three names with
:func:`ctypes.util.find_library`, which runs ``ldconfig`` (and more) for each;
the answers are kept in the same folder (``find_library.json``). A kept answer
that has gone stale costs nothing: cairocffi then tries its next name.

Everything else about cairocffi is unchanged. The hook steps aside (cairocffi
parses as usual) when ``xcffib`` is installed (cairocffi then adds XCB
declarations), when ``CHUTECODE_CAIRO_CACHE=0`` is set, when the cache folder
cannot be written, or when anything about the cached module looks wrong.
``cairocffi.ffi.ffi_pixbuf`` (cairocffi's gdk-pixbuf image loading, which
chutecode does not use) is then built on first use, with a parse of its own.

The hook is installed when :mod:`chutecode.drawing` is imported, and acts only
on an import of cairocffi that has not happened yet.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import io
import json
import os
import sys
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = ["install", "cache_folder", "cached_module_path", "ENV_SWITCH"]

#: Set to ``0`` to parse cairo's declarations in every process, as cairocffi does by itself.
ENV_SWITCH = "CHUTECODE_CAIRO_CACHE"
_TARGET = "cairocffi.ffi"


def cache_folder() -> Path:
    """Where the parsed declarations are kept: ``$CHUTECODE_CACHE_DIR``, else ``$XDG_CACHE_HOME/chutecode``,
    else ``~/.cache/chutecode``."""
    own = os.environ.get("CHUTECODE_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chutecode"


def cached_module_path(ffi_source: str) -> Path | None:
    """The cache file for the cairocffi whose ``ffi.py`` is ``ffi_source``; None when it cannot be named."""
    import _cffi_backend  # type: ignore[import-untyped]

    folder = Path(ffi_source).parent
    parts = [f"{_cffi_backend.__version__} {sys.implementation.cache_tag}".encode()]
    try:
        parts += [(folder / name).read_bytes() for name in ("ffi.py", "constants.py")]
    except OSError:
        return None
    # Two checksums of the declarations' sources and the cffi version (hashlib costs more to import).
    crc, adler = 0, 1
    for part in parts:
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    size = sum(len(part) for part in parts)
    return cache_folder() / f"cairocffi_ffi_{crc:08x}{adler:08x}{size:x}.py"


class _Finder:  # a meta path finder (importlib.abc's base class would import much more)
    """Finds ``cairocffi.ffi`` and hands it to :class:`_Loader`; every other import passes by."""

    def find_spec(self, fullname: str, path: Any,
                  target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != _TARGET or os.environ.get(ENV_SWITCH, "1") == "0":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or spec.loader is None:
            return None
        if importlib.util.find_spec("xcffib") is not None:
            return None  # cairocffi adds XCB declarations from xcffib's own FFI: leave it be
        return importlib.util.spec_from_loader(fullname, _Loader(spec), origin=spec.origin)  # type: ignore[arg-type]


class _Loader:  # a loader, as importlib.abc.Loader describes
    """Runs cairocffi's ``ffi`` module from the cache, or as usual and then fills the cache."""

    def __init__(self, original: importlib.machinery.ModuleSpec) -> None:
        self.original = original

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        origin = self.original.origin
        assert origin is not None
        cached = cached_module_path(origin)
        package = sys.modules.get("cairocffi")
        if cached is not None and package is not None and callable(getattr(package, "find_library", None)):
            kept = _KeptLibraries(package.find_library, cached.parent / "find_library.json")
            setattr(package, "find_library", kept)  # noqa: B010 - the name cairocffi looks libraries up with
        if cached is not None and cached.is_file():
            try:
                _fill_from_cache(module, cached)
                return
            except Exception:  # noqa: BLE001 - a damaged cache is parsed again, never fatal
                pass
        assert self.original.loader is not None
        self.original.loader.exec_module(module)
        if cached is not None:
            _write_cache(getattr(module, "ffi", None), cached)


class _KeptLibraries:
    """``find_library`` with its answers kept in a JSON file: asked once per name, not once per process."""

    def __init__(self, find: Any, path: Path) -> None:
        self.find = find
        self.path = path
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            self.kept: dict[str, str | None] = kept if isinstance(kept, dict) else {}
        except (OSError, ValueError):
            self.kept = {}

    def __call__(self, name: str) -> str | None:
        if name in self.kept and (self.kept[name] is None or isinstance(self.kept[name], str)):
            return self.kept[name]
        found = self.find(name)
        self.kept[name] = found
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self.kept, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass
        return found


def _fill_from_cache(module: ModuleType, cached: Path) -> None:
    """Give ``module`` what ``cairocffi.ffi`` has: ``ffi``, ``constants``, and ``ffi_pixbuf`` on first use."""
    spec = importlib.util.spec_from_file_location(f"_chutecode_{cached.stem}", cached)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {cached}")
    parsed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(parsed)
    ffi = parsed.ffi
    ffi.typeof("cairo_t *")  # the declarations are there
    module.ffi = ffi  # type: ignore[attr-defined]
    module.constants = importlib.import_module("cairocffi.constants")  # type: ignore[attr-defined]
    setattr(module, "__getattr__", _pixbuf_on_demand)  # noqa: B010 - a module's own __getattr__ (PEP 562)


def _pixbuf_on_demand(name: str) -> Any:
    if name != "ffi_pixbuf":
        raise AttributeError(f"module {_TARGET!r} has no attribute {name!r}")
    module = sys.modules[_TARGET]
    spec = importlib.machinery.PathFinder.find_spec(_TARGET, importlib.import_module("cairocffi").__path__)
    if spec is None or spec.loader is None:
        raise AttributeError(f"module {_TARGET!r} has no attribute {name!r}")
    original = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(original)
    module.ffi_pixbuf = original.ffi_pixbuf  # type: ignore[attr-defined]
    return original.ffi_pixbuf


def _write_cache(ffi: Any, cached: Path) -> None:
    """Write the declarations of ``ffi`` as an out-of-line cffi module, atomically (quiet on failure)."""
    if ffi is None or not hasattr(ffi, "emit_python_code"):
        return
    temporary = cached.with_name(f".{cached.name}.{os.getpid()}.part")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        ffi.set_source(f"_chutecode_{cached.stem}", None)
        with contextlib.redirect_stdout(io.StringIO()):  # cffi says "generating ..." on stdout
            ffi.emit_python_code(str(temporary))
        os.replace(temporary, cached)
    except Exception:  # noqa: BLE001 - no cache is slower, not wrong
        try:
            temporary.unlink()
        except OSError:
            pass


_finder = _Finder()


def install() -> None:
    """Add the ``cairocffi.ffi`` import hook (once); nothing happens until cairocffi is first imported."""
    if _finder not in sys.meta_path and "cairocffi" not in sys.modules:
        sys.meta_path.insert(0, _finder)
