"""MkDocs hook: publish the top-level gallery (its page and pictures) in the site,
so the docs show the very pictures the gallery spec makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Add ``gallery/README.md`` (as the page ``gallery/``), its spec and its pictures."""
    gallery = ROOT / "gallery"
    paths = [gallery / "README.md", gallery / "designs.toml", *sorted((gallery / "images").glob("*.png"))]
    for path in paths:
        if path.exists():
            files.append(File(path.relative_to(ROOT).as_posix(), str(ROOT), config["site_dir"],
                              config["use_directory_urls"]))
    return files
