"""The documentation builds strictly, and its CLI reference comes from the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _hook(name: str):
    """A MkDocs hook module of docs/hooks, imported as MkDocs imports it."""
    import importlib

    sys.path.insert(0, str(ROOT / "docs" / "hooks"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)


def test_cli_reference_is_generated_from_the_help():
    hook = _hook("cli_reference")
    MARKER = hook.MARKER
    page = hook.on_page_markdown(f"# CLI\n\n{MARKER}\n")
    assert MARKER not in page
    for command in ("encode", "decode", "render", "palettes", "batch"):
        assert f"## chutecode {command}" in page
    assert "--gore-offset" in page and "--contact-sheet" in page


def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "chutecode" in index
    cli = (tmp_path / "site" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "chutecode render" in cli and "--gore-offset" in cli
    gallery = (tmp_path / "site" / "gallery" / "index.html").read_text(encoding="utf-8")
    assert 'src="images/perseverance.png"' in gallery
    assert (tmp_path / "site" / "gallery" / "images" / "perseverance.png").exists()


def test_design_options_table_is_generated_from_the_field_table():
    from chutecode.design import FIELDS

    hook = _hook("design_fields")
    MARKER = hook.MARKER
    page = hook.on_page_markdown(f"# Designs\n\n{MARKER}\n")
    assert MARKER not in page
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(FIELDS)
    assert "| `seam_width` | `--seam-width` `LENGTH` |" in page
    assert (ROOT / "docs" / "design.md").read_text(encoding="utf-8").count(MARKER) == 1


def _dotted_names(text: str) -> set[str]:
    import re

    return set(re.findall(r"\bchutecode(?:\.[A-Za-z_][A-Za-z0-9_]*)+", text))


def test_names_in_the_docs_exist():
    """Every ``chutecode.x.y`` the docs and README name imports (old paths are caught here)."""
    import importlib

    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "gallery" / "README.md"]
    missing = []
    for path in texts:
        for name in sorted(_dotted_names(path.read_text(encoding="utf-8"))):
            if name.endswith((".py", ".toml", ".json", ".pot", ".po", ".mo")):  # file names
                continue
            parts = name.split(".")
            for cut in range(len(parts), 0, -1):
                try:
                    obj = importlib.import_module(".".join(parts[:cut]))
                except ImportError:
                    continue
                try:
                    for attr in parts[cut:]:
                        obj = getattr(obj, attr)
                except AttributeError:
                    missing.append(f"{path.name}: {name}")
                break
            else:
                missing.append(f"{path.name}: {name}")
    assert not missing, missing


def test_every_public_name_imports():
    import chutecode

    for name in chutecode.__all__:
        assert getattr(chutecode, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from chutecode import *", namespace)  # noqa: S102 - what a user's star import sees
    assert set(chutecode.__all__) <= set(namespace)


def _shown_limit(name: str, value: float) -> str:
    """A limit as docs/limits.md writes it (1000, 20,000, 4 MiB, 5000 mm, 16 px, 4 Gpx)."""
    from chutecode.limits import size_text

    if name.endswith("_BYTES"):
        return size_text(int(value))
    if name.endswith("_MM"):
        return f"{value:g} mm"
    if name == "MAX_IMAGE_PIXELS":
        return f"{value / 1e9:g} Gpx"
    if name.endswith("_PX"):
        return f"{int(value):,} px"
    return f"{int(value):,}" if value >= 10_000 else f"{value:g}"


def test_every_limit_is_in_the_limits_page_with_its_value():
    from chutecode import limits

    page = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    table = {row.split("|")[1].strip().strip("`"): row.split("|")[2].strip()
             for row in page.splitlines() if row.startswith("| `")}
    names = [name for name in limits.__all__ if name.isupper() and name != "PDF_MAX_PT"]
    assert sorted(table) == sorted(names)
    for name in names:
        assert table[name] == _shown_limit(name, getattr(limits, name)), name
    assert f"{limits.PDF_MAX_PT:,} pt" in page
    assert "(docs/limits.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "limits.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
