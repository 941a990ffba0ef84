"""The row task: one design in, its files out. A pure function of its job.

Both engines (the local process pool and Dask) call :func:`make_design`; it
reads nothing but its :class:`Job` and writes only inside the job's folder,
each file through a temporary file and a rename.
"""

from __future__ import annotations

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
    """Encode the row, render every format, optionally verify; never raises."""
    try:
        return Outcome(job.index, tuple(_make(job)))
    except ChutecodeError as exc:
        return Outcome(job.index, error=str(exc).replace("\n", " "))
    except OSError as exc:
        return Outcome(job.index, error=f"cannot write {exc.filename or ''}: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a bad row must not stop the batch
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {last[0].name}" if last else ""
        return Outcome(job.index, error=f"{type(exc).__name__}: {exc}{where}")


def _make(job: Job) -> list[dict[str, str]]:
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
        for written in render_drawings(drawings, path, format=fmt):
            outputs.append({"format": fmt, "file": Path(written).name, "sha256": file_sha256(Path(written))})
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
