"""Reading a canopy back in the playground: a dropped picture or pasted ring bits.

Both end in a :class:`~chutecode.ringcode.decoder.Decoded` (from
:func:`chutecode.decode_image` or :func:`chutecode.decode`), shown as the
message, the place and how each ring was read, and turned into the ring-code
options that redraw it. Uploads are read in memory and never written to disk.
"""

from __future__ import annotations

import io
from typing import Any

from chutecode.errors import ChutecodeError, DecodeError, ImageReadError, RequestError
from chutecode.ringcode.codec import get_codec
from chutecode.ringcode.decoder import Decoded, decode
from chutecode.ringcode.encoder import encode
from chutecode.web.limits import Limits

__all__ = ["read_picture", "read_bits", "bit_lines", "PICTURE_FORMATS"]

#: Picture formats the playground reads (Pillow's names; MPO is the JPEG of many phone cameras).
PICTURE_FORMATS = ("PNG", "JPEG", "MPO")


def _refused(message: str, status: int) -> RequestError:
    error = RequestError(message)
    error.status = status  # type: ignore[attr-defined]
    return error


def read_picture(body: bytes, limits: Limits, *, gores: int = 80) -> dict[str, Any]:
    """Decode the picture in ``body`` (PNG or JPEG bytes); ``gores`` is tried first when the
    picture does not fix the gore count."""
    from PIL import Image, UnidentifiedImageError

    from chutecode.picture.reader import decode_image

    try:
        image = Image.open(io.BytesIO(body))
    except UnidentifiedImageError:
        raise ImageReadError("the file is not a picture the playground reads: give a PNG or a JPEG") \
            from None
    if image.format not in PICTURE_FORMATS:
        raise _refused(f"the file is a {image.format} picture: give a PNG or a JPEG", 415)
    width, height = image.size
    if width * height > limits.image_pixels:
        raise _refused(f"the picture is {width} x {height} px, more than the playground reads "
                       f"({limits.image_pixels / 1e6:g} million pixels): give a smaller picture", 413)
    try:
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ImageReadError(f"the picture cannot be read: {str(exc).splitlines()[0][:120]}") from None
    decoded = decode_image(image)
    return _result("picture", decoded, limits, gores_hint=gores, gores=None)


def bit_lines(text: str, limits: Limits) -> list[str]:
    """Ring bit strings from pasted text: one ring a line, innermost first; ``#`` starts a comment."""
    lines = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    if not lines:
        raise DecodeError("no ring bits pasted: give one line of 0 and 1 a ring, innermost ring first")
    if len(lines) > limits.rings:
        raise _refused(f"{len(lines)} rings pasted, more than the playground reads ({limits.rings})", 400)
    longest = max(len("".join(line.split())) for line in lines)
    if longest > limits.gores:
        raise _refused(f"a ring of {longest} gores was pasted, more than the playground reads "
                         f"({limits.gores})", 400)
    return lines


def read_bits(text: str, limits: Limits) -> dict[str, Any]:
    """Decode pasted ring bits (one ring a line, innermost first)."""
    lines = bit_lines(text, limits)
    decoded = decode(lines)
    return _result("bits", decoded, limits, gores_hint=None, gores=len("".join(lines[0].split())))


def _scheme_of(decoded: Decoded) -> tuple[int, int | None]:
    """The group size and the spacer of the decoded line rings (``None``: the codec's default)."""
    rings = [r for r in decoded.rings if r.kind == "line"] or \
        [r for r in decoded.rings if r.kind != "padding"]
    if not rings:
        return 10, None
    group = rings[0].spacer + rings[0].data
    spacer: int | None = rings[0].spacer
    if spacer == get_codec(decoded.codec).default_spacer(group):
        spacer = None
    return group, spacer


def _fits(decoded: Decoded, options: dict[str, Any]) -> bool:
    """Whether encoding the decoded message with ``options`` puts every ring where it was read."""
    try:
        layout = encode(decoded.message, decoded.coordinates, **options)
    except ChutecodeError:
        return False
    drawn = [(r.kind, r.start_group) for r in layout.rings if r.kind != "padding"]
    read = [(r.kind, r.start_group) for r in decoded.rings if r.kind != "padding"]
    return drawn == read


def _result(source: str, decoded: Decoded, limits: Limits, *, gores_hint: int | None,
            gores: int | None) -> dict[str, Any]:
    group, spacer = _scheme_of(decoded)
    base: dict[str, Any] = {"codec": decoded.codec, "flow": decoded.flow, "group": group}
    if spacer is not None:
        base["spacer"] = spacer
    notes = []
    gores_known = gores is not None
    if gores is None:
        candidates = [n for n in range(group * 2, limits.gores + 1, group) if n != gores_hint]
        if gores_hint is not None and gores_hint % group == 0:
            candidates.insert(0, gores_hint)
        fitting = [n for n in candidates if _fits(decoded, {**base, "gores": n})]
        if fitting:
            gores = fitting[0]
            gores_known = len(fitting) == 1
            if not gores_known:
                notes.append(f"the picture does not fix the gore count: drawn with {gores} gores, which puts "
                             "every ring where it was read")
        else:
            gores = gores_hint or 80
            notes.append(f"no gore count puts every ring where it was read: drawn with {gores} gores")
    # What the reader said of its own reading: never an answer without its doubts.
    notes.extend(f"warning: {warning}" for warning in decoded.warnings)
    for other in decoded.alternatives:
        where = f", {other.coords_text}" if other.coords_text else ""
        notes.append(f"it also reads as {other.message!r}{where}: {other.why}")
    padding = sum(1 for r in decoded.rings if r.kind == "padding")
    if padding:
        notes.append(f"{padding} ring{'s' * (padding != 1)} read as padding (no symbols) "
                     f"{'are' if padding != 1 else 'is'} left out of the redrawn canopy")
    redraw = {"message": decoded.message, "coords": decoded.coords_text or "", **base, "gores": gores}
    return {
        "source": source,
        "message": decoded.message,
        "coords": decoded.coords_text,
        "latitude": decoded.latitude,
        "longitude": decoded.longitude,
        "codec": decoded.codec,
        "flow": decoded.flow,
        "rings": [{"ring": r.number, "kind": r.kind, "rotation": r.rotation, "start_group": r.start_group,
                   "text": r.text, "confidence": r.confidence} for r in decoded.rings],
        "confidence": decoded.confidence,
        "certain": decoded.certain and not decoded.warnings,
        "gores": gores,
        "gores_known": gores_known,
        "redraw": {name: str(value) for name, value in redraw.items()},
        "notes": notes,
    }
