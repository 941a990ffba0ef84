"""One-line descriptions of a layout: what its code says and how it is built (titles and
document metadata)."""

from __future__ import annotations

from chutecode.ringcode.layout import Layout

__all__ = ["describe_layout", "describe_scheme"]


def _rings(layout: Layout) -> str:
    count = len(layout.rings)
    return f"{count} ring{'s' * (count != 1)}"


def describe_layout(layout: Layout) -> str:
    """One line on what ``layout`` says and how its code is built."""
    s = layout.scheme
    parts = [f"message: {layout.message}"] if layout.message else []
    if layout.coordinates is not None:
        parts.append(f"place: {layout.coordinates.text}")
    parts.append(f"{_rings(layout)} of {s.gores} gores, "
                 f"groups of {s.group} ({s.spacer} spacer + {s.data} data bits), codec {s.codec}, "
                 f"flow {s.flow}; coloured gore = 1, read clockwise, innermost ring first")
    return "Parachute ring code. " + "; ".join(parts) + "."


def describe_scheme(layout: Layout) -> str:
    """One line on how the code of ``layout`` is built, without its message or place."""
    s = layout.scheme
    return (f"Parachute ring code worksheet: {_rings(layout)} of "
            f"{s.gores} gores, groups of {s.group} ({s.spacer} spacer + {s.data} data bits), "
            f"codec {s.codec}; "
            "coloured gore = 1, read clockwise, innermost ring first.")
