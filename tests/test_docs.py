"""The documentation builds strictly, and its CLI reference comes from the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_generated_from_the_help():
    sys.path.insert(0, str(ROOT / "docs" / "hooks"))
    try:
        from cli_reference import MARKER, on_page_markdown
    finally:
        sys.path.pop(0)
    page = on_page_markdown(f"# CLI\n\n{MARKER}\n")
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
