"""Errors in the words of the command line.

The library's messages name options as Python does (``codec='ascii'``,
``gores=200``, ``transliterate=True``, ``rings=None``); on the command line the
same advice must name flags: ``--codec ascii``, ``--gores 200``,
``--transliterate``, no ``--rings``. :func:`cli_words` rewrites the first into
the second for every option the command line has. A quoted value (the user's
own text, such as a message or a cell) is left as it is.
"""

from __future__ import annotations

import re

from chutecode.design.design import FIELD_NAMES

__all__ = ["cli_words", "OPTION_NAMES"]

#: Every option name a command has, as the library spells it.
OPTION_NAMES: frozenset[str] = frozenset({
    "coords", "codec", "flow", "rings", "gores", "group", "spacer", "transliterate", "strict",
    "alignment", "coordinates", "format", "combine", "contact_sheet", "name", "workers", "engine",
    "scheduler", "verify", "wait", *FIELD_NAMES,
})

_ASSIGNMENT = re.compile(
    r"(?<![\w'\"=.\-])(?P<name>[a-z][a-z_]*)="
    r"(?:'(?P<single>[^']*)'|\"(?P<double>[^\"]*)\"|(?P<bare>[A-Za-z0-9_.+\-/#%]+)(?![\w{\[(])"
    r"|(?P<empty>)(?=[\s,;:)]|$))"
)


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _spoken(match: re.Match[str]) -> str:
    name = match.group("name")
    if name not in OPTION_NAMES:
        return match.group(0)
    value = next((match.group(g) for g in ("single", "double", "bare") if match.group(g) is not None), None)
    flag = _flag(name)
    if value is None or value == "True":
        return flag
    if value == "False":
        return "--no-" + name.replace("_", "-")
    if value == "None":
        return f"no {flag}"
    shown = f"'{value}'" if re.search(r"[\s'\"]", value) or value == "" else value
    return f"{flag} {shown}"


def cli_words(message: str) -> str:
    """``message`` with every ``option=value`` of the library said as the command line's flag."""
    return _ASSIGNMENT.sub(_spoken, message)
