"""How sure a reading from a picture is: confidence per ring and symbol, the gores corrected or
guessed, and the warnings a reader should see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from chutecode.picture.candidates import Candidate
from chutecode.picture.soft import UNSURE, RingChoice
from chutecode.ringcode.decoder import Decoded

__all__ = ["UNSURE", "symbol_label", "with_confidence", "gore_ranges"]


def symbol_label(value: int, codec: str) -> str:
    """A message symbol as a reader sees it: a letter, a character or its byte."""
    if codec == "letters":
        return " " if value == 0 else chr(64 + value) if 1 <= value <= 26 else str(value)
    return chr(value) if 32 <= value < 127 else f"0x{value:02X}"


def with_confidence(
    decoded: Decoded, candidate: Candidate, choices: list[RingChoice], unseen: np.ndarray
) -> Decoded:
    """``decoded`` with the confidence of every ring and symbol, corrected and guessed gores and
    the warnings a reader should see."""
    gores = candidate.l0.shape[1]
    warnings: list[str] = []
    unclear: dict[tuple[int, ...], list[int]] = {}
    rings = []
    for ring, choice, _, a1, row in zip(
        decoded.rings, choices, candidate.l0, candidate.l1, candidate.rows, strict=True
    ):
        p1 = np.exp(a1)
        hard = p1 > 0.5
        clear = np.abs(p1 - 0.5) > 0.3
        final = np.array([c == "1" for c in choice.bits])
        rotation = ring.rotation or 0

        def canopy(index: int, rotation: int = rotation) -> int:
            return int((index + rotation) % gores)

        corrected = tuple(sorted(canopy(int(i)) for i in np.flatnonzero(clear & (hard != final))))
        guessed = tuple(sorted(canopy(int(i)) for i in np.flatnonzero(~clear)))
        by_gore = dict(
            zip(choice.symbol_groups, zip(choice.confidence, choice.runner_up, strict=True), strict=True)
        )
        confidences = []
        for k, value in enumerate(ring.symbols):
            first = (ring.start_group * candidate.group + k * candidate.group - rotation) % gores
            conf, runner = by_gore.get(first, (1.0, value))
            confidences.append(conf)
            if conf < UNSURE:
                place = ring.kind == "coordinates" and k not in (3, 7)  # numbers, not hemispheres
                shown, other = (
                    (str(value), str(runner))
                    if place
                    else (symbol_label(value, decoded.codec), symbol_label(runner, decoded.codec))
                )
                warnings.append(
                    f"ring {ring.number}: symbol {k + 1} reads {shown!r} "
                    f"but is unsure (confidence {conf:.2f}; it could be {other!r})"
                )
        confidence = float(np.prod(confidences)) if confidences else float(np.mean(np.abs(2 * p1 - 1)))
        outside = int(unseen[row].sum())
        if outside:
            warnings.append(
                f"ring {ring.number} runs off the edge of the picture: {outside} of its gores "
                "are not in it"
                + (" and were filled in from the code" if all(c >= UNSURE for c in confidences) else "")
            )
        elif guessed:
            unclear.setdefault(guessed, []).append(ring.number)
        if len(corrected) > max(2, gores // 25):
            warnings.append(
                f"ring {ring.number}: {len(corrected)} gores read against the code's structure "
                "and were corrected: the picture may be misread"
            )
        rings.append(
            replace(
                ring,
                confidence=confidence,
                symbol_confidence=tuple(confidences),
                corrected=corrected,
                guessed=guessed,
            )
        )
    # The same gores unclear in several rings (something across the canopy) are said once.
    for guessed, numbers in unclear.items():
        which = f"ring {numbers[0]}" if len(numbers) == 1 else f"rings {gore_ranges(numbers)}"
        warnings.append(
            f"{which}: {len(guessed)} gore(s) could not be read clearly (hidden or smudged) and were "
            f"filled in from the code: gores {gore_ranges(guessed)}"
        )
    if not candidate.spiral:
        warnings.insert(
            0,
            "the layout does not follow the spiral (each line starting where the previous one "
            "ended): each ring was read at its own rotation",
        )
    overall = min((r.confidence for r in rings if r.confidence is not None), default=1.0)
    return replace(decoded, rings=tuple(rings), confidence=overall, warnings=tuple(warnings))


def gore_ranges(numbers: Sequence[int]) -> str:
    """``1, 2, 3, 7`` as ``1-3, 7``."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = out[-1].split("-")[0] + f"-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)
