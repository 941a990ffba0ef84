"""A small but valid ICC v2 CMYK output profile, built from a simple press model.

No free CMYK profile can be counted on in CI, and littlecms (through Pillow)
cannot create one, so the tests make their own: an ``mft2`` (lut16) profile,
Lab connection space, whose model is

    R = f + (1 - f) (1 - C)(1 - K)   (G with M, B with Y),

read as sRGB and measured in Lab under D50, where ``f`` is the darkest the
press can print (so the profile has a black point above zero).

The two directions are given per rendering intent so that a test can tell
which intent a transform used: the colorimetric tables (A2B1, B2A1) use full
grey component replacement, K = 1 - max(R, G, B), so a grey is printed with
black ink only; the perceptual tables (A2B0, B2A0) never use black ink, so a
grey is printed with equal cyan, magenta and yellow.
"""

from __future__ import annotations

import struct

D50 = (0.9642, 1.0, 0.8249)
# sRGB primaries adapted to D50 (Bradford), the colorants of the usual sRGB ICC profile.
SRGB_TO_XYZ_D50 = (
    (0.4360747, 0.3850649, 0.1430804),
    (0.2225045, 0.7168786, 0.0606169),
    (0.0139322, 0.0971045, 0.7141733),
)
PAPER_BLACK = 0.08  # the darkest printable value of each channel, as sRGB


def _s15f16(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _lin(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(1.0, max(0.0, v))
    return v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def _invert3(m: tuple[tuple[float, ...], ...]) -> list[list[float]]:
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return [
        [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
        [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
        [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
    ]


XYZ_D50_TO_SRGB = _invert3(SRGB_TO_XYZ_D50)


def rgb_to_lab(r: float, g: float, b: float) -> tuple[float, float, float]:
    """sRGB (0..1) to CIE Lab under D50."""
    lin = (_lin(r), _lin(g), _lin(b))
    xyz = [sum(row[k] * lin[k] for k in range(3)) for row in SRGB_TO_XYZ_D50]

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(xyz[k] / D50[k]) for k in range(3))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab_to_rgb(L: float, a: float, b: float) -> tuple[float, float, float]:
    """CIE Lab under D50 to sRGB (0..1, clipped)."""
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def finv(t: float) -> float:
        return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)

    xyz = [D50[0] * finv(fx), D50[1] * finv(fy), D50[2] * finv(fz)]
    lin = [sum(row[k] * xyz[k] for k in range(3)) for row in XYZ_D50_TO_SRGB]
    return tuple(_gamma(v) for v in lin)  # type: ignore[return-value]


def cmyk_to_rgb(c: float, m: float, y: float, k: float) -> tuple[float, float, float]:
    """The press model: ink amounts (0..1) to the sRGB colour printed."""
    return tuple(PAPER_BLACK + (1 - PAPER_BLACK) * (1 - ink) * (1 - k) for ink in (c, m, y))  # type: ignore[return-value]


def rgb_to_cmyk(r: float, g: float, b: float, *, black_ink: bool = True) -> tuple[float, float, float, float]:
    """Inverse of :func:`cmyk_to_rgb`: full grey component replacement, or no black ink at all."""
    r, g, b = (min(1.0, max(0.0, (v - PAPER_BLACK) / (1 - PAPER_BLACK))) for v in (r, g, b))
    if not black_ink:
        return 1 - r, 1 - g, 1 - b, 0.0
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    return (1 - r / (1 - k), 1 - g / (1 - k), 1 - b / (1 - k), k)


def _lab16(L: float, a: float, b: float) -> list[int]:
    # ICC v2 Lab encoding of lut16: L 0..100 -> 0..0xFF00, a and b -128..127.996 -> 0..0xFFFF.
    return [
        min(0xFFFF, max(0, round(L * 0xFF00 / 100))),
        min(0xFFFF, max(0, round((a + 128) * 256))),
        min(0xFFFF, max(0, round((b + 128) * 256))),
    ]


def _lut16(inputs: int, outputs: int, grid: int, clut: list[int]) -> bytes:
    identity = (1, 0, 0, 0, 1, 0, 0, 0, 1)
    head = b"mft2" + bytes(4) + struct.pack(">BBBB", inputs, outputs, grid, 0)
    head += b"".join(_s15f16(v) for v in identity) + struct.pack(">HH", 2, 2)
    tables_in = struct.pack(">HH", 0, 0xFFFF) * inputs
    tables_out = struct.pack(">HH", 0, 0xFFFF) * outputs
    assert len(clut) == grid**inputs * outputs
    return head + tables_in + struct.pack(f">{len(clut)}H", *clut) + tables_out


def _a2b(grid: int = 9) -> bytes:
    clut: list[int] = []
    steps = [i / (grid - 1) for i in range(grid)]
    for c in steps:
        for m in steps:
            for y in steps:
                for k in steps:
                    clut += _lab16(*rgb_to_lab(*cmyk_to_rgb(c, m, y, k)))
    return _lut16(4, 3, grid, clut)


def _b2a(grid: int = 17, *, black_ink: bool = True) -> bytes:
    clut: list[int] = []
    for i in range(grid):
        L = i / (grid - 1) * 0xFFFF * 100 / 0xFF00
        for j in range(grid):
            a = j / (grid - 1) * 0xFFFF / 256 - 128
            for n in range(grid):
                b = n / (grid - 1) * 0xFFFF / 256 - 128
                clut += [round(v * 0xFFFF) for v in rgb_to_cmyk(*lab_to_rgb(L, a, b), black_ink=black_ink)]
    return _lut16(3, 4, grid, clut)


def _desc(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc"
        + bytes(4)
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">II", 0, 0)
        + struct.pack(">HB", 0, 0)
        + bytes(67)
    )


def build_cmyk_profile(description: str = "chutecode test press (CMYK)") -> bytes:
    """The bytes of an ICC v2.1 output profile: CMYK to Lab and Lab to CMYK, perceptual and colorimetric."""
    tags = [
        (b"desc", _desc(description)),
        (b"cprt", b"text" + bytes(4) + b"No copyright, use freely\0"),
        (b"wtpt", b"XYZ " + bytes(4) + b"".join(_s15f16(v) for v in D50)),
        (b"A2B0", _a2b()),
        (b"B2A0", _b2a(black_ink=False)),
        (b"A2B1", _a2b()),
        (b"B2A1", _b2a(black_ink=True)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    body = struct.pack(">I", len(tags)) + table + data
    header = (
        struct.pack(">I", 128 + len(body))
        + bytes(4)  # preferred CMM
        + struct.pack(">I", 0x02100000)  # version 2.1
        + b"prtr"
        + b"CMYK"
        + b"Lab "
        + struct.pack(">6H", 2021, 2, 18, 20, 55, 0)
        + b"acsp"
        + bytes(4)  # signature, platform
        + bytes(4 + 4 + 4 + 8)  # flags, manufacturer, model, attributes
        + struct.pack(">I", 1)  # relative colorimetric
        + b"".join(_s15f16(v) for v in D50)
        + bytes(4)  # creator
        + bytes(44)  # profile id and reserved
    )
    assert len(header) == 128
    return header + body
