"""The parts of a PDF/X-4 file that need no PDF library: the output intent, the sRGB profile, the XMP packet.

PDF/X-4 (ISO 15930-7) is the PDF a print shop can take as it is. Beyond a
plain PDF it asks for an output intent (the printing condition the file was
made for, with its ICC profile embedded), XMP metadata that agrees with the
document information, a TrimBox on every page, a document ID, every font
embedded, and colours that are device-independent or of the output intent's
own colour space. :func:`chutecode.renderers.pdf.make_pdfx` puts these
together; this module makes the pieces.

- The output intent is the print shop's CMYK profile when one is given
  (``cmyk_profile``), written as a ``Custom`` printing condition named by the
  profile's own description; otherwise the documented default, sRGB
  (IEC 61966-2-1): the file then says that its colours are the sRGB colours
  it was drawn in, and the shop converts them for its press.
- cairo draws in DeviceRGB; in a PDF/X-4 file those colours become ICC-based
  sRGB (:func:`srgb_profile`), the colour space chutecode's colours are in,
  or, with the shop's CMYK profile, DeviceCMYK converted through that profile
  (:func:`cmyk_converter`: relative colorimetric with black point
  compensation, as the CMYK TIFF's pixels are), so the file is a vector
  CMYK PDF in the press's own colours.
- Dates, the document ID and the XMP packet depend only on the file's
  content and metadata, so the same drawing gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape

__all__ = ["OutputIntent", "output_intent", "srgb_profile", "xmp_packet", "document_uuid", "cmyk_converter",
           "SRGB_NAME", "PDFX_VERSION"]

#: The printing condition of the default output intent.
SRGB_NAME = "sRGB IEC61966-2.1"
#: The conformance written into the file.
PDFX_VERSION = "PDF/X-4"
_PROFILE_DATE = (2021, 2, 18, 20, 55, 0)  # fixed, as the PDF's own dates are


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition a PDF/X file is made for.

    Attributes:
        profile: the ICC profile's bytes, embedded as the DestOutputProfile.
        components: its colour components: 4 for CMYK, 3 for RGB.
        identifier: the OutputConditionIdentifier (``Custom`` for a shop's own profile).
        condition: a human-readable OutputCondition.
        info: the Info text (required for ``Custom`` conditions).
        registry: the RegistryName, or ``""``.
    """

    profile: bytes
    components: int
    identifier: str
    condition: str
    info: str
    registry: str = ""


def output_intent(cmyk_profile: str | None) -> OutputIntent:
    """The output intent for a page: its CMYK profile as a ``Custom`` condition, else sRGB."""
    if cmyk_profile is None:
        return OutputIntent(srgb_profile(), 3, SRGB_NAME, SRGB_NAME,
                            f"{SRGB_NAME}: the colours as drawn, for the printer to convert for the press",
                            "http://www.color.org")
    from chutecode.design.profile import describe_profile, open_profile

    profile, data = open_profile(cmyk_profile)
    name = describe_profile(profile)
    return OutputIntent(data, 4, "Custom", name, f"{name} (the print shop's CMYK profile)")


def cmyk_converter(cmyk_profile: str) -> Callable[[Sequence[float]], tuple[float, ...]]:
    """A function from an sRGB colour (components 0 to 1) to its CMYK inks (0 to 1) through ``cmyk_profile``.

    Each colour goes through the same conversion as the CMYK TIFF's pixels
    (8 bits a channel), and each distinct colour is converted once.
    """
    from PIL import Image, ImageCms

    from chutecode.design.profile import open_profile
    from chutecode.renderers.cmyk import rgb_to_cmyk_transform

    transform = rgb_to_cmyk_transform(open_profile(cmyk_profile)[0])

    @functools.lru_cache(maxsize=4096)
    def convert(rgb: tuple[int, int, int]) -> tuple[float, ...]:
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform)
        assert pixel is not None
        return tuple(v / 255 for v in pixel.getpixel((0, 0)))  # type: ignore[union-attr]

    def to_cmyk(colour: Sequence[float]) -> tuple[float, ...]:
        r, g, b = (min(255, max(0, round(v * 255))) for v in colour)
        return convert((r, g, b))

    return to_cmyk


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _tag_text(text: str) -> bytes:
    data = b"text\x00\x00\x00\x00" + text.encode("ascii") + b"\x00"
    return data


def _tag_description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\x00"
    return (b"desc\x00\x00\x00\x00" + struct.pack(">I", len(ascii_text)) + ascii_text
            + b"\x00" * 8 + b"\x00\x00\x00" + b"\x00" * 67)


def _tag_xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \x00\x00\x00\x00" + _s15(x) + _s15(y) + _s15(z)


def _srgb_curve(points: int = 1024) -> bytes:
    values = []
    for i in range(points):
        v = i / (points - 1)
        linear = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        values.append(round(linear * 65535))
    return b"curv\x00\x00\x00\x00" + struct.pack(f">I{points}H", points, *values)


def srgb_profile() -> bytes:
    """An ICC version 2.1 display profile of sRGB (IEC 61966-2-1), matrix and curves, D50 PCS.

    Built here so that it is the same bytes everywhere (a profile made by
    littleCMS carries the time it was made). The primaries are sRGB's,
    adapted to D50 with the Bradford transform; each curve is the sRGB
    transfer function sampled at 1024 points.
    """
    # Columns of the sRGB-to-XYZ(D50) matrix: the red, green and blue colorants.
    red, green, blue = ((0.4360747, 0.2225045, 0.0139322), (0.3850649, 0.7168786, 0.0971045),
                        (0.1430804, 0.0606169, 0.7141733))
    curve = _srgb_curve()
    tags = [
        (b"desc", _tag_description(SRGB_NAME)),
        (b"cprt", _tag_text("No copyright, use freely")),
        (b"wtpt", _tag_xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _tag_xyz(*red)),
        (b"gXYZ", _tag_xyz(*green)),
        (b"bXYZ", _tag_xyz(*blue)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    table = struct.pack(">I", len(tags))
    body = b""
    offset = 128 + 4 + 12 * len(tags)
    placed: dict[bytes, int] = {}
    for signature, data in tags:
        if data not in placed:  # the three curves share one copy
            placed[data] = offset + len(body)
            body += data + b"\x00" * (-len(data) % 4)
        table += signature + struct.pack(">II", placed[data], len(data))
    size = 128 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"\x00" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", *_PROFILE_DATE) + b"acsp" + b"\x00" * 4 + b"\x00" * 4 + b"\x00" * 8
              + b"\x00" * 8 + struct.pack(">I", 0) + _s15(0.9642) + _s15(1.0) + _s15(0.8249)
              + b"\x00" * 4 + b"\x00" * 16 + b"\x00" * 28)
    assert len(header) == 128
    return header + table + body


def document_uuid(*parts: bytes) -> str:
    """A UUID made from the digest of ``parts``: the same content gives the same ID."""
    digest = bytearray(hashlib.sha256(b"\x00".join(parts)).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # a name-based UUID (version 5 layout)
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def xmp_date(moment: datetime) -> str:
    """``moment`` as an XMP date, e.g. ``2021-02-18T20:55:00+00:00`` (naive times are UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, creator: str, producer: str,
               moment: datetime, document_id: str) -> bytes:
    """The XMP metadata of a PDF/X-4 file, agreeing with its document information."""
    def alt(name: str, text: str) -> str:
        return (f"   <{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{escape(text)}</rdf:li></rdf:Alt>"
                f"</{name}>\n")

    date = xmp_date(moment)
    lines = ["   <dc:format>application/pdf</dc:format>\n", alt("dc:title", title)]
    if author:
        lines.append(f"   <dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>\n")
    if subject:
        lines.append(alt("dc:description", subject))
    if keywords:
        lines.append(f"   <pdf:Keywords>{escape(keywords)}</pdf:Keywords>\n")
    lines += [
        f"   <xmp:CreateDate>{date}</xmp:CreateDate>\n",
        f"   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n",
        f"   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n",
        f"   <xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>\n",
        f"   <pdf:Producer>{escape(producer)}</pdf:Producer>\n",
        "   <pdf:Trapped>False</pdf:Trapped>\n",
        f"   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>\n",
        f"   <xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>\n",
        "   <xmpMM:VersionID>1</xmpMM:VersionID>\n",
        "   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
        f"   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>\n",
    ]
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"\n'
        '    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n'
        + "".join(lines)
        + "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
        + " " * 2000 + "\n"  # room to edit the packet in place, as XMP writers leave
        + '<?xpacket end="w"?>'
    )
    return text.encode("utf-8")
