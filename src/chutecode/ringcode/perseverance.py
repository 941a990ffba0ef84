"""The Mars 2020 Perseverance canopy's message and place (JPL), the default design."""

from __future__ import annotations

from chutecode.ringcode.coordinates import Coordinates

__all__ = ["PERSEVERANCE_MESSAGE", "PERSEVERANCE_COORDS", "PERSEVERANCE_PLACE"]

#: The Mars 2020 Perseverance message.
PERSEVERANCE_MESSAGE = "DARE MIGHTY THINGS"
#: The place it names (JPL), as text.
PERSEVERANCE_COORDS = "34°11'58\"N 118°10'31\"W"
#: The same place as a value, ready to encode without parsing.
PERSEVERANCE_PLACE = Coordinates(34, 11, 58, "N", 118, 10, 31, "W")
