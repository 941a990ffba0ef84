"""cairocffi's C declarations are parsed once and kept: later processes load them, and draw the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys, hashlib, io
import chutecode
buffer = io.BytesIO()
chutecode.render(chutecode.encode("DARE", chutecode.PERSEVERANCE_PLACE), buffer, format="png", size="300px")
import cairocffi
print(type(cairocffi.ffi).__module__, hashlib.sha256(buffer.getvalue()).hexdigest())
"""


def _run(cache: Path, **env: str) -> tuple[str, str, str]:
    """(the FFI's module, the PNG's digest, stdout as a whole) of a fresh process using ``cache``."""
    environment = {**os.environ, "CHUTECODE_CACHE_DIR": str(cache), **env}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env=environment).stdout
    kind, digest = out.split()
    return kind, digest, out


def test_the_first_process_parses_and_keeps_the_next_loads(tmp_path):
    first_kind, first_png, first_out = _run(tmp_path)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert first_kind == "cffi.api" and len(first_out.splitlines()) == 1   # parsed, and nothing printed
    assert any(name.startswith("cairocffi_ffi_") and name.endswith(".py") for name in kept)
    assert "find_library.json" in kept and not any(name.endswith(".part") for name in kept)
    second_kind, second_png, _ = _run(tmp_path)
    assert second_kind == "_cffi_backend"                                    # loaded, not parsed
    assert second_png == first_png                                           # and draws the same


def test_it_can_be_switched_off_and_a_damaged_cache_is_made_again(tmp_path):
    _run(tmp_path)
    assert _run(tmp_path, CHUTECODE_CAIRO_CACHE="0")[0] == "cffi.api"
    (kept,) = tmp_path.glob("cairocffi_ffi_*.py")
    kept.write_text("this is not python", encoding="utf-8")
    assert _run(tmp_path)[0] == "cffi.api"                                  # parsed again
    assert _run(tmp_path)[0] == "_cffi_backend"                              # and kept again


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert _run(blocked / "cache")[0] == "cffi.api"
