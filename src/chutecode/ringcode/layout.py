"""The canopy layout: the one immutable value that flows from the encoder to
every renderer.

A :class:`Layout` holds the ring scheme, the rings (innermost first) with
their bits and per-gore roles, the normalised message and the place. Renderers
read bits and roles from it; they never see the raw message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from chutecode.errors import ChutecodeError, LayoutError
from chutecode.limits import MAX_GORES, MAX_LAYOUT_BYTES, MAX_RINGS, size_text
from chutecode.ringcode.coordinates import Coordinates

__all__ = ["Scheme", "Symbol", "Ring", "Layout", "ROLE_NAMES", "LAYOUT_VERSION"]

LAYOUT_VERSION = 1

#: Role codes used in :attr:`Ring.roles`, one character a gore.
ROLE_NAMES: dict[str, str] = {"s": "spacer", "d": "data", "t": "terminator", "f": "fill"}

RingKind = Literal["line", "coordinates", "padding"]


@dataclass(frozen=True)
class Scheme:
    """How bits are grouped on every ring.

    Attributes:
        gores: gores (radial panels) in a ring.
        group: gores in a group (one symbol).
        spacer: leading zero bits of a group.
        codec: the symbol codec's name.
        flow: ``words`` (one word a ring) or ``stream``.
    """

    gores: int
    group: int
    spacer: int
    codec: str
    flow: str

    @property
    def data(self) -> int:
        """Data bits of a group: ``group - spacer``."""
        return self.group - self.spacer

    @property
    def groups(self) -> int:
        """Groups (symbols) a ring holds."""
        return self.gores // self.group


@dataclass(frozen=True)
class Symbol:
    """One symbol on a ring: its group index, value and what it stands for."""

    group: int
    value: int
    label: str


@dataclass(frozen=True)
class Ring:
    """One ring of gores.

    Attributes:
        kind: ``line`` (part of the message), ``coordinates`` or ``padding``.
        bits: one ``0``/``1`` a gore, gore 0 first, clockwise.
        roles: one role code a gore (see :data:`ROLE_NAMES`).
        spacer: the spacer bits of this ring's groups.
        data: the data bits of this ring's groups (wider than the scheme's
            only on a coordinate ring holding a longitude of 128° or more).
        start_group: the group index where the ring's first symbol sits.
        symbols: the symbols in reading order.
    """

    kind: RingKind
    bits: str
    roles: str
    spacer: int
    data: int
    start_group: int
    symbols: tuple[Symbol, ...]

    @property
    def gores(self) -> int:
        """Number of gores in the ring."""
        return len(self.bits)

    @property
    def role_names(self) -> tuple[str, ...]:
        """The role of every gore as a word (``spacer``, ``data``, ...)."""
        return tuple(ROLE_NAMES[code] for code in self.roles)

    @property
    def text(self) -> str:
        """The ring's symbols as labels joined together."""
        return "".join(s.label for s in self.symbols)


@dataclass(frozen=True)
class Layout:
    """A complete canopy: scheme, rings (innermost first), message and place.

    Create one with :func:`chutecode.encode`; save and load it with
    :meth:`to_json` and :meth:`from_json`.
    """

    scheme: Scheme
    rings: tuple[Ring, ...]
    message: str
    coordinates: Coordinates | None = None

    @property
    def gores(self) -> int:
        """Gores in every ring."""
        return self.scheme.gores

    def to_dict(self) -> dict[str, Any]:
        """The layout as plain JSON-ready data."""
        coords = None
        if self.coordinates is not None:
            c = self.coordinates
            coords = {
                "text": c.text,
                "latitude": [c.lat_degrees, c.lat_minutes, c.lat_seconds, c.lat_hemisphere],
                "longitude": [c.lon_degrees, c.lon_minutes, c.lon_seconds, c.lon_hemisphere],
            }
        return {
            "format": "chutecode-layout",
            "version": LAYOUT_VERSION,
            "message": self.message,
            "coordinates": coords,
            "scheme": {
                "gores": self.scheme.gores,
                "group": self.scheme.group,
                "spacer": self.scheme.spacer,
                "data": self.scheme.data,
                "codec": self.scheme.codec,
                "flow": self.scheme.flow,
            },
            "rings": [
                {
                    "kind": ring.kind,
                    "spacer": ring.spacer,
                    "data": ring.data,
                    "start_group": ring.start_group,
                    "bits": ring.bits,
                    "roles": ring.roles,
                    "symbols": [[s.group, s.value, s.label] for s in ring.symbols],
                }
                for ring in self.rings
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise to JSON text (with a ``version`` field); see :meth:`from_json`."""
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> Layout:
        """Rebuild a layout from :meth:`to_dict` data; raises :class:`LayoutError`."""
        if not isinstance(data, dict) or data.get("format") != "chutecode-layout":
            raise LayoutError("layout data has no \"format\": \"chutecode-layout\" field: "
                              "give JSON written by Layout.to_json()")
        if data.get("version") != LAYOUT_VERSION:
            raise LayoutError(
                f"layout version {data.get('version')!r} is not supported: this chutecode reads "
                f"version {LAYOUT_VERSION}"
            )
        try:
            sch = data["scheme"]
            scheme = Scheme(int(sch["gores"]), int(sch["group"]), int(sch["spacer"]),
                            str(sch["codec"]), str(sch["flow"]))
            _check_size(scheme, data["rings"])
            rings = tuple(
                Ring(
                    kind=r["kind"],
                    bits=str(r["bits"]),
                    roles=str(r["roles"]),
                    spacer=int(r["spacer"]),
                    data=int(r["data"]),
                    start_group=int(r["start_group"]),
                    symbols=tuple(Symbol(int(g), int(v), str(lbl)) for g, v, lbl in r["symbols"]),
                )
                for r in data["rings"]
            )
            coords = None
            if data.get("coordinates") is not None:
                lat = data["coordinates"]["latitude"]
                lon = data["coordinates"]["longitude"]
                coords = Coordinates(*lat, *lon)
            layout = cls(scheme=scheme, rings=rings, message=str(data["message"]), coordinates=coords)
        except LayoutError:
            raise
        except ChutecodeError as exc:
            raise LayoutError(f"layout data is not valid: {exc}") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise LayoutError(f"layout data is missing or has a bad field ({_reason(exc)}): "
                              "give JSON written by Layout.to_json()") from None
        _check_rings(layout)
        return layout

    @classmethod
    def from_json(cls, text: str | bytes) -> Layout:
        """Load a layout written by :meth:`to_json`; raises :class:`LayoutError`."""
        if not isinstance(text, (str, bytes, bytearray)):
            raise LayoutError(f"layout JSON {text!r:.60} is not text: give the string Layout.to_json() wrote")
        if len(text) > MAX_LAYOUT_BYTES:
            raise LayoutError(f"layout JSON of {size_text(len(text))} is larger than the limit of "
                              f"{size_text(MAX_LAYOUT_BYTES)}: give JSON written by Layout.to_json()")
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LayoutError(f"layout JSON could not be parsed: {exc}") from None
        except RecursionError:
            raise LayoutError("layout JSON is nested too deeply to be a layout: give JSON written by "
                              "Layout.to_json()") from None
        except ValueError as exc:  # a number of thousands of digits, text that is not UTF-8
            raise LayoutError(f"layout JSON could not be parsed: {_reason(exc)}") from None
        return cls.from_dict(data)


def _reason(exc: Exception) -> str:
    """A short reason for a parse error (without Python's advice on its own settings)."""
    text = str(exc)
    if "integer string conversion" in text:
        return "a number of thousands of digits, which no layout has"
    return repr(text[:80])


def _check_size(scheme: Scheme, rings: Any) -> None:
    """Refuse a layout past the limits before any ring is built."""
    if not isinstance(rings, list):
        raise LayoutError("layout data has no list of rings: give JSON written by Layout.to_json()")
    if len(rings) > MAX_RINGS:
        raise LayoutError(f"layout has {len(rings)} rings, more than the limit of {MAX_RINGS}")
    if not 0 < scheme.gores <= MAX_GORES:
        raise LayoutError(f"layout scheme has {scheme.gores} gores: use 1 to the limit of {MAX_GORES}")


def _check_rings(layout: Layout) -> None:
    gores = layout.scheme.gores
    for number, ring in enumerate(layout.rings, start=1):
        if ring.kind not in ("line", "coordinates", "padding"):
            raise LayoutError(f"ring {number} has kind {ring.kind!r}: use line, coordinates or padding")
        if len(ring.bits) != gores or set(ring.bits) - {"0", "1"}:
            raise LayoutError(f"ring {number} bits must be {gores} characters of 0 and 1")
        if len(ring.roles) != gores or set(ring.roles) - set(ROLE_NAMES):
            raise LayoutError(
                f"ring {number} roles must be {gores} characters of {''.join(ROLE_NAMES)}"
            )
