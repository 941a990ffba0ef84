"""Places on Earth: parsing coordinate text and the whole-second DMS value.

The coordinate ring holds degrees, minutes and whole seconds of arc (about
31 m), so :class:`Coordinates` stores exactly that. Three text forms are read,
latitude first, each half with its hemisphere letter before or after it (any
case) or a sign:

- symbols: ``34°11'58"N 118°10'31"W`` (also ``′ ″ ’ ” º``, ``''`` for
  seconds, and a space instead of the degree sign before marked minutes);
- spaced: ``34 11 58 N 118 10 31 W`` (degrees, minutes and seconds);
- decimal: ``34.1994, -118.1753`` or ``34.1994 N, 118.1753 W``.

The halves are separated by a comma, a semicolon, a slash or spaces. Nothing
else is skipped: text that is not one of these forms is refused, never guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from chutecode.errors import CoordinateError

__all__ = ["Coordinates", "parse_coordinates"]

#: The spaced form (compiled on first use, by ``re``'s own cache).
_SPACED_DMS = (
    r"""^\s*
    (?P<lat_front>[NS])?\s*
    (?P<lat_d>\d+)\s+(?P<lat_m>\d+)\s+(?P<lat_s>\d+(?:\.\d+)?)\s*
    (?P<lat_back>[NS])?
    \s*[,;/]?\s*
    (?P<lon_front>[EW])?\s*
    (?P<lon_d>\d+)\s+(?P<lon_m>\d+)\s+(?P<lon_s>\d+(?:\.\d+)?)\s*
    (?P<lon_back>[EW])?
    \s*$"""
)

_VALID_FORMS = (
    "give DMS like 34°11'58\"N 118°10'31\"W, spaced DMS like 34 11 58 N 118 10 31 W, "
    "or decimal degrees like 34.1994, -118.1753"
)


@dataclass(frozen=True)
class Coordinates:
    """A place in whole degrees, minutes and seconds of arc.

    Attributes hold magnitudes; the hemisphere letters carry the sign.
    """

    lat_degrees: int
    lat_minutes: int
    lat_seconds: int
    lat_hemisphere: Literal["N", "S"]
    lon_degrees: int
    lon_minutes: int
    lon_seconds: int
    lon_hemisphere: Literal["E", "W"]

    def __post_init__(self) -> None:
        _check_dms("latitude", self.lat_degrees, self.lat_minutes, self.lat_seconds, 90)
        _check_dms("longitude", self.lon_degrees, self.lon_minutes, self.lon_seconds, 180)
        if self.lat_hemisphere not in ("N", "S"):
            raise CoordinateError(
                f"latitude hemisphere {self.lat_hemisphere!r} is not valid: use 'N' or 'S'"
            )
        if self.lon_hemisphere not in ("E", "W"):
            raise CoordinateError(
                f"longitude hemisphere {self.lon_hemisphere!r} is not valid: use 'E' or 'W'"
            )

    @classmethod
    def from_decimal(cls, latitude: float, longitude: float) -> Coordinates:
        """Round decimal degrees to the nearest whole second of arc.

        Raises :class:`CoordinateError` for values outside -90..90 and
        -180..180 (nothing is wrapped).
        """
        for name, value, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise CoordinateError(f"{name} {_shown(value)} is not a number: give decimal degrees")
            if isinstance(value, int) and abs(value) > 10**18:  # too large for a float
                digits = int(math.log10(abs(value))) + 1
                raise CoordinateError(f"{name} of {digits} digits is out of range: use -{limit} to {limit} "
                                      "degrees")
            if not math.isfinite(value) or abs(value) > limit:
                raise CoordinateError(
                    f"{name} {_shown(value)} is out of range: use -{limit} to {limit} degrees"
                )
        lat = _split_seconds(abs(latitude))
        lon = _split_seconds(abs(longitude))
        return cls(
            *lat, "S" if latitude < 0 and any(lat) else "N",
            *lon, "W" if longitude < 0 and any(lon) else "E",
        )

    @property
    def latitude(self) -> float:
        """Latitude in decimal degrees, negative in the south."""
        value = self.lat_degrees + self.lat_minutes / 60 + self.lat_seconds / 3600
        return -value if self.lat_hemisphere == "S" else value

    @property
    def longitude(self) -> float:
        """Longitude in decimal degrees, negative in the west."""
        value = self.lon_degrees + self.lon_minutes / 60 + self.lon_seconds / 3600
        return -value if self.lon_hemisphere == "W" else value

    @property
    def text(self) -> str:
        """The place as DMS text, e.g. ``34°11'58"N 118°10'31"W``."""
        return (
            f"{self.lat_degrees}°{self.lat_minutes:02d}'{self.lat_seconds:02d}\"{self.lat_hemisphere} "
            f"{self.lon_degrees}°{self.lon_minutes:02d}'{self.lon_seconds:02d}\"{self.lon_hemisphere}"
        )

    def __str__(self) -> str:
        return self.text


def _shown(value: object) -> str:
    """``value`` quoted for a message, cut short when it is long."""
    text = repr(value)
    return text if len(text) <= 48 else repr(str(value)[:40] + "…")


def _split_seconds(value: float) -> tuple[int, int, int]:
    total = round(value * 3600)
    degrees, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return int(degrees), int(minutes), int(seconds)


def _check_dms(name: str, degrees: object, minutes: object, seconds: object, limit: int) -> None:
    for part, value, top in (("degrees", degrees, limit), ("minutes", minutes, 59), ("seconds", seconds, 59)):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
            raise CoordinateError(f"{name} {part} {_shown(value)} is out of range: use 0 to {top}")
    if degrees == limit and (minutes or seconds):
        raise CoordinateError(
            f"{name} {degrees}°{minutes}'{seconds}\" is beyond {limit}°: use at most {limit}°00'00\""
        )


def _minutes_or_seconds(text: str, name: str, part: str, raw: str | None) -> float:
    if raw is None:
        return 0.0
    value = float(raw)
    if value >= 60:
        raise CoordinateError(f"{name} {part} {_shown(raw)} in {_shown(text)} is out of range: use 0 to 59")
    return value


def _from_parts(text: str, lat: tuple[str, str | None, str | None, str | None],
                lon: tuple[str, str | None, str | None, str | None]) -> Coordinates:
    """Build coordinates from textual parts (degrees, minutes, seconds, hemisphere)."""
    values = []
    for name, (deg_raw, min_raw, sec_raw, hemi), limit, negative in (
        ("latitude", lat, 90, "S"),
        ("longitude", lon, 180, "W"),
    ):
        degrees = float(deg_raw)
        sign = -1.0 if degrees < 0 or str(deg_raw).startswith("-") else 1.0
        if (min_raw is not None or sec_raw is not None) and degrees != int(degrees):
            raise CoordinateError(
                f"{name} degrees {_shown(deg_raw)} in {_shown(text)} has a fraction and minutes too: "
                "give whole degrees with minutes, or decimal degrees alone"
            )
        minutes = _minutes_or_seconds(text, name, "minutes", min_raw)
        seconds = _minutes_or_seconds(text, name, "seconds", sec_raw)
        if abs(degrees) > limit:
            raise CoordinateError(
                f"{name} {_shown(deg_raw)} in {_shown(text)} is out of range: use -{limit} to {limit} degrees"
            )
        if hemi is not None and hemi.upper() == negative:
            if sign < 0:
                raise CoordinateError(
                    f"{name} {_shown(deg_raw)} in {_shown(text)} has both a minus sign and "
                    f"{_shown(hemi)}: give one"
                )
            sign = -1.0
        value = sign * (abs(degrees) + minutes / 60 + seconds / 3600)
        if abs(value) > limit:
            raise CoordinateError(
                f"{name} in {_shown(text)} is beyond {limit}°: use -{limit} to {limit} degrees"
            )
        values.append(value)
    return Coordinates.from_decimal(values[0], values[1])


def parse_coordinates(value: str | tuple[float, float] | Coordinates) -> Coordinates:
    """Parse a place given as text, a ``(lat, lon)`` pair or :class:`Coordinates`.

    Accepted text forms: ``34°11'58"N 118°10'31"W``, ``34 11 58 N 118 10 31 W``
    and ``34.1994, -118.1753``. Values are rounded to whole seconds of arc.
    Out-of-range degrees, minutes or seconds raise :class:`CoordinateError`.

    >>> parse_coordinates("34 11 58 N 118 10 31 W").text
    '34°11\\'58"N 118°10\\'31"W'
    """
    if isinstance(value, Coordinates):
        return value
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise CoordinateError(f"coordinates {_shown(value)} are not a (latitude, longitude) pair")
        return Coordinates.from_decimal(value[0], value[1])
    if not isinstance(value, str):
        raise CoordinateError(f"coordinates {_shown(value)} are not text or a (lat, lon) pair: "
                              f"{_VALID_FORMS}")
    text = value.strip()
    if not text:
        raise CoordinateError(f"coordinates {_shown(value)} are empty: {_VALID_FORMS}")
    spaced = re.match(_SPACED_DMS, text, re.VERBOSE | re.IGNORECASE)
    if spaced:
        g = spaced.groupdict()
        if g["lat_front"] and g["lat_back"] or g["lon_front"] and g["lon_back"]:
            raise CoordinateError(f"coordinates {_shown(value)} name a hemisphere twice: {_VALID_FORMS}")
        return _from_parts(
            value,
            (g["lat_d"], g["lat_m"], g["lat_s"], g["lat_front"] or g["lat_back"]),
            (g["lon_d"], g["lon_m"], g["lon_s"], g["lon_front"] or g["lon_back"]),
        )
    return _parse_marked(value, text)


def _parse_marked(value: str, text: str) -> Coordinates:
    """The symbol and decimal forms: each half a number with optional marks and hemisphere."""
    match = re.match(_MARKED, text, re.IGNORECASE)
    if match is None:
        letters = re.findall(r"(?<![A-Z])[NSEW](?![A-Z])", text, re.IGNORECASE)
        if letters and letters[0].upper() in "EW":
            raise CoordinateError(f"coordinates {_shown(value)} start with the longitude ({letters[0]!r}): "
                                  "give the latitude first, then the longitude")
        raise CoordinateError(f"coordinates {_shown(value)} could not be read: {_VALID_FORMS}")
    halves = []
    for half in ("lat", "lon"):
        front, back = match.group(f"{half}_front"), match.group(f"{half}_back")
        if front and back:
            raise CoordinateError(f"coordinates {_shown(value)} name a hemisphere twice: {_VALID_FORMS}")
        hemisphere = (front or back or "").upper() or None
        halves.append((match.group(f"{half}_d"), match.group(f"{half}_m"), match.group(f"{half}_s"),
                       hemisphere))
    return _from_parts(value, halves[0], halves[1])


_NUMBER = r"\d+(?:\.\d+)?(?![\d.])"
_DEGREE_MARK = "[°º˚]"
_MINUTE_MARK = "['′’]"
_SECOND_MARK = "(?:\"|″|”|''|′′|’’)"


def _half(name: str, letters: str) -> str:
    """One half of the marked form: hemisphere, signed degrees, marked minutes and seconds, hemisphere."""
    return (rf"(?P<{name}_front>[{letters}])?\s*"
            rf"(?P<{name}_d>[+-]?{_NUMBER})"
            rf"(?:\s*{_DEGREE_MARK}|(?=\s+{_NUMBER}\s*{_MINUTE_MARK}))?"
            rf"(?:\s*(?P<{name}_m>{_NUMBER})\s*{_MINUTE_MARK}(?!{_MINUTE_MARK}))?"
            rf"(?:\s*(?P<{name}_s>{_NUMBER})\s*{_SECOND_MARK})?"
            rf"\s*(?P<{name}_back>[{letters}](?![A-Z]))?")


#: The symbol and decimal forms (compiled on first use, by ``re``'s own cache).
_MARKED = (rf"^\s*{_half('lat', 'NS')}(?:\s*[,;/]\s*|\s+|(?<=[NSEW°º˚'′’\"″”]))"
           rf"{_half('lon', 'EW')}\s*$")
