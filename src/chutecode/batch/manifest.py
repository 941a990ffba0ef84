"""The batch manifest: what each row produced, so a rerun skips finished rows.

``manifest.json`` in the output folder maps each output stem to the options
it was made with (and their digest) and each output file with its sha256. A
row is finished when its entry's option digest matches and every listed file
exists with that sha256.

While a batch runs, each finished row is also appended at once to
``manifest.journal`` (one JSON line a row), so a batch killed at any moment
loses no finished row; :meth:`Manifest.save` folds the journal into
``manifest.json`` and removes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from chutecode.files import atomic_write

__all__ = ["Manifest", "options_digest", "file_sha256", "MANIFEST_NAME"]

MANIFEST_NAME = "manifest.json"
JOURNAL_NAME = "manifest.journal"


def options_digest(options: dict[str, Any]) -> str:
    """A stable digest of a row's resolved options."""
    blob = json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Manifest:
    """Entries of one output folder, loaded from and saved to ``manifest.json``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / MANIFEST_NAME
        self.journal = folder / JOURNAL_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("rows"), dict):
                    self.entries = data["rows"]
            except (json.JSONDecodeError, UnicodeDecodeError):
                self.entries = {}
        if self.journal.exists():
            for line in self.journal.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    stem, entry = json.loads(line)
                except (json.JSONDecodeError, ValueError, TypeError):
                    continue  # a line cut short by a kill
                if isinstance(stem, str) and isinstance(entry, dict):
                    self.entries[stem] = entry

    def is_done(self, stem: str, digest: str) -> bool:
        """Whether ``stem`` was made with ``digest`` and all its files are intact."""
        entry = self.entries.get(stem)
        if not entry or entry.get("digest") != digest or not entry.get("outputs"):
            return False
        for output in entry["outputs"]:
            path = self.folder / output["file"]
            if not path.is_file() or file_sha256(path) != output["sha256"]:
                return False
        return True

    def record(self, stem: str, digest: str, options: dict[str, Any],
               outputs: list[dict[str, str]]) -> None:
        """Remember a finished row, in memory and at once in the journal."""
        entry = {"digest": digest, "options": options, "outputs": outputs}
        self.entries[stem] = entry
        line = (json.dumps([stem, entry], ensure_ascii=False, default=str) + "\n").encode("utf-8")
        fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            start = os.fstat(fd).st_size
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view):]
            except OSError as exc:
                # Cut off the part of the line that was written: the lines before stay whole.
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, start)
                raise OSError(exc.errno, exc.strerror, str(self.journal)) from None
        finally:
            os.close(fd)

    def save(self) -> None:
        """Write the manifest through a temporary file and a rename."""
        data = {"format": "chutecode-batch-manifest", "version": 1,
                "rows": dict(sorted(self.entries.items()))}
        atomic_write(self.path, (json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
                     .encode("utf-8"))
        self.journal.unlink(missing_ok=True)
