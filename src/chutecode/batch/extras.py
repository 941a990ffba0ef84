"""Batch extras: all PDFs as one book, and a contact sheet for proofing."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chutecode.batch.rows import BatchError
from chutecode.files import atomic_output

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["combine_pdfs", "make_contact_sheet"]

THUMB = 240
LABEL = 28


def combine_pdfs(pdfs: Sequence[Path], target: Path) -> None:
    """Write the pages of ``pdfs``, in order, as one PDF at ``target``, each page with its own
    print boxes, the document with chutecode's metadata (see :func:`chutecode.renderers.pdf.concat_pdfs`)."""
    from chutecode.renderers.pdf import PdfMetadata, concat_pdfs

    if not pdfs:
        raise BatchError(f"combine {str(target)!r}: no PDF was made; add pdf to the formats")
    metadata = PdfMetadata(title=f"{len(pdfs)} parachute ring codes",
                           subject=f"{len(pdfs)} parachute ring codes, one a page")
    data = concat_pdfs([pdf.read_bytes() for pdf in pdfs], bleed_mm=None, metadata=metadata)
    with atomic_output(target) as stream:
        stream.write(data)


def _thumbnail(files: Sequence[Path]) -> tuple[str, Image.Image | None]:
    from PIL import Image

    stem = files[0].stem
    for path in files:
        if path.suffix == ".png":
            with Image.open(path) as image:
                image.draft("RGB", (THUMB, THUMB))
                thumb = image.convert("RGB")
                thumb.thumbnail((THUMB, THUMB))
                return stem, thumb
    for path in files:
        if path.suffix == ".svg":
            import cairosvg  # only when no PNG exists

            png = cairosvg.svg2png(url=str(path), output_width=THUMB)
            thumb = Image.open(io.BytesIO(png)).convert("RGB")
            thumb.thumbnail((THUMB, THUMB))
            return stem, thumb
    return stem, None


def make_contact_sheet(outputs: Sequence[Sequence[Path]], target: Path, *, columns: int = 6) -> None:
    """A PNG grid of each design's thumbnail with its name underneath."""
    from PIL import Image, ImageDraw, ImageFont

    cells = [_thumbnail(files) for files in outputs if files]
    if not cells:
        raise BatchError(f"contact sheet {str(target)!r}: no design was made")
    columns = max(1, min(columns, len(cells)))
    rows = math.ceil(len(cells) / columns)
    sheet = Image.new("RGB", (columns * THUMB, rows * (THUMB + LABEL)), "white")
    draw = ImageDraw.Draw(sheet)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype("DejaVuSans.ttf", 13)
    except OSError:
        font = ImageFont.load_default()
    for i, (stem, thumb) in enumerate(cells):
        x, y = (i % columns) * THUMB, (i // columns) * (THUMB + LABEL)
        if thumb is not None:
            sheet.paste(thumb, (x + (THUMB - thumb.width) // 2, y + (THUMB - thumb.height) // 2))
        else:
            draw.rectangle((x + 8, y + 8, x + THUMB - 8, y + THUMB - 8), outline="grey")
            draw.text((x + 16, y + THUMB // 2), "PDF only", fill="grey", font=font)
        label = stem if len(stem) <= 30 else stem[:29] + "…"
        draw.text((x + THUMB // 2, y + THUMB + LABEL // 2), label, fill="black", font=font, anchor="mm")
    with atomic_output(target) as stream:
        sheet.save(stream, format="PNG")
