"""The timing of an animation of how a canopy is read: frame rate, reveal and hold.

An animation (GIF, APNG or animated SVG) reveals the canopy along the spiral
for :attr:`Timing.duration` seconds, :attr:`Timing.frame_rate` frames a second,
then shows the finished canopy for :attr:`Timing.hold` seconds before it
starts again.

>>> timing = Timing(frame_rate=10.0, duration=4.0, hold=2.0)
>>> timing.frames, timing.frame_ms, timing.total
(40, 100.0, 6.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from chutecode.errors import DesignError

__all__ = ["Timing", "MAX_FRAME_RATE", "MAX_DURATION", "MAX_HOLD", "MAX_FRAMES", "frame_rate", "seconds"]

#: GIF stores delays in hundredths of a second, and browsers slow down frames under 2/100 s.
MAX_FRAME_RATE = 50.0
#: The longest reveal, and the longest hold, in seconds.
MAX_DURATION = 120.0
MAX_HOLD = 60.0
#: The most frames of one reveal (each is a whole picture).
MAX_FRAMES = 1500


@dataclass(frozen=True)
class Timing:
    """How an animation runs: ``frame_rate`` frames a second during a reveal of ``duration``
    seconds, then the finished canopy for ``hold`` seconds."""

    frame_rate: float = 12.0
    duration: float = 5.0
    hold: float = 2.0

    def __post_init__(self) -> None:
        if self.frames > MAX_FRAMES:
            raise DesignError(f"frame_rate {self.frame_rate:g} for a duration of {self.duration:g} s makes "
                              f"{self.frames} frames, more than {MAX_FRAMES}: lower the frame rate or the "
                              "duration")

    @property
    def frames(self) -> int:
        """Frames of the reveal (the finished canopy held at the end is one more)."""
        return max(1, round(self.frame_rate * self.duration))

    @property
    def frame_ms(self) -> float:
        """How long one frame of the reveal is shown, in milliseconds."""
        return 1000.0 * self.duration / self.frames

    @property
    def total(self) -> float:
        """Seconds of one loop: the reveal and the hold."""
        return self.duration + self.hold


def _positive(value: Any, name: str, most: float, what: str, *, zero: bool = False) -> float:
    text = value.strip().lower().removesuffix("s").strip() if isinstance(value, str) else value
    number: float | None = None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        number = float(text)
    elif isinstance(text, str):
        try:
            number = float(text)
        except ValueError:
            number = None
    low_ok = number is not None and math.isfinite(number) and (number >= 0 if zero else number > 0)
    if number is None or not low_ok or number > most:
        span = f"from 0 to {most:g}" if zero else f"more than 0 and at most {most:g}"
        raise DesignError(f"{name} {value!r} is not valid: give {what} {span}")
    return number


def frame_rate(value: Any, name: str, _dpi: float) -> float:
    """Frames a second, more than 0 and at most :data:`MAX_FRAME_RATE`."""
    return _positive(value, name, MAX_FRAME_RATE, "frames a second (e.g. 12),")


def seconds(most: float, *, zero: bool = False) -> Any:
    """A parser of a time in seconds (``4``, ``"2.5s"``) up to ``most``."""

    def parse(value: Any, name: str, _dpi: float) -> float:
        return _positive(value, name, most, "seconds (e.g. 4 or 2.5s),", zero=zero)

    return parse
