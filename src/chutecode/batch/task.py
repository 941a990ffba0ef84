"""The row task: one design in, its files out. A pure function of its job.

Both engines (the local process pool and Dask) call :func:`make_design`; it
reads nothing but its :class:`Job` and writes only inside the job's folder,
each file through a temporary file and a rename.
"""

from __future__ import annotations

import contextlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chutecode.batch.manifest import file_sha256
from chutecode.design.design import Design
from chutecode.errors import ChutecodeError

__all__ = ["Job", "Outcome", "make_design"]


@dataclass(frozen=True)
class Job:
    """Everything needed to make one row's files."""

    index: int
    line: int
    stem: str
    folder: str
    formats: tuple[str, ...]
    message: str
    coords: str | None
    encode_options: dict[str, Any] = field(default_factory=dict)
    design: Design = field(default_factory=Design)
    verify: bool = False

    def described(self) -> dict[str, Any]:
        """The options that define the outputs, for the manifest and its digest."""
        return {"message": self.message, "coords": self.coords, "formats": list(self.formats),
                "encode": self.encode_options, "design": self.design.to_dict()}


@dataclass(frozen=True)
class Outcome:
    """What a job made, or why it failed (one line)."""

    index: int
    outputs: tuple[dict[str, str], ...] = ()
    error: str | None = None


def make_design(job: Job) -> Outcome:
    """Encode the row, render every format, optionally verify; never raises.

    A row that fails leaves none of its files behind (a PDF made before its PNG
    failed is removed too).
    """
    written: list[Path] = []
    try:
        return Outcome(job.index, tuple(_make(job, written)))
    except BaseException as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        if not isinstance(exc, Exception):
            raise
        return Outcome(job.index, error=_one_line(exc))


def _one_line(exc: Exception) -> str:
    if isinstance(exc, ChutecodeError):
        return str(exc).replace("\n", " ")
    if isinstance(exc, OSError):
        where = f" {exc.filename!r}" if exc.filename else ""
        return f"cannot write{where}: {exc.strerror or exc}"
    last = traceback.extract_tb(exc.__traceback__)[-1:]
    where = f" at {last[0].name}" if last else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _make(job: Job, written: list[Path]) -> list[dict[str, str]]:
    from chutecode.drawing.draw import draw
    from chutecode.renderers.api import render_drawings
    from chutecode.ringcode.encoder import encode

    layout = encode(job.message, job.coords, **job.encode_options)
    folder = Path(job.folder)
    # One drawing a page (page composition included) serves every format of the row.
    drawings = [draw(layout, page) for page in job.design.pages()]
    outputs = []
    for fmt in job.formats:
        path = folder / f"{job.stem}.{fmt}"
        for made in render_drawings(drawings, path, format=fmt):
            written.append(Path(made))
            outputs.append({"format": fmt, "file": Path(made).name, "sha256": file_sha256(Path(made))})
    if job.verify:
        _verify(job, layout, folder)
    return outputs


def _verify(job: Job, layout: Any, folder: Path) -> None:
    from chutecode.errors import DecodeError
    from chutecode.ringcode.decoder import decode

    if "png" in job.formats and job.design.worksheet is False:
        from chutecode.picture.reader import decode_image

        decoded = decode_image(folder / f"{job.stem}.png", gores=layout.scheme.gores,
                               group=layout.scheme.group, codec=layout.scheme.codec,
                               flow=layout.scheme.flow)
        source = "PNG"
    else:
        decoded = decode(layout)
        source = "layout"
    said = (decoded.message, decoded.coords_text)
    wanted = (layout.message, layout.coordinates.text if layout.coordinates else None)
    if said != wanted:
        raise DecodeError(f"verify: the {source} says {said[0]!r} {said[1] or ''}, the row says "
                          f"{wanted[0]!r} {wanted[1] or ''}".rstrip())
