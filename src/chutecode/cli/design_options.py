"""The design options of ``chutecode render`` and ``chutecode batch``, made from the field
table (:data:`chutecode.design.FIELDS`), so that the command line cannot drift from the API.

Every option defaults to "not given": only what the user typed reaches
:meth:`~chutecode.design.Design.create` (``render``) or the batch's defaults
(``batch``), and a bad value is reported with its flag.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click

from chutecode.design.design import FIELDS, Design, FieldInfo
from chutecode.errors import ChutecodeError

__all__ = ["design_options", "design_values", "create_design", "flags_of"]

_TEXT_SUFFIX = "_text"


def flags_of(info: FieldInfo) -> list[str]:
    """The command-line flags of a field, in the order the help shows them."""
    kind = info.option.cli
    if kind == "no_flag":
        return ["--no-" + info.name.replace("_", "-")]
    if kind == "flag_text":
        return [info.flag, info.flag + "-text"]
    return [info.flag, *info.option.aliases]


def _help(info: FieldInfo) -> str:
    text = info.option.help
    if info.option.cli in ("flag", "no_flag", "flag_text"):
        return text
    default = info.option.shown_default
    if default is None and info.default not in (None, (), False):
        default = f"{info.default:g}" if isinstance(info.default, float) else str(info.default)
    return f"{text} [default: {default}]" if default else text


def _click_options(info: FieldInfo) -> list[Callable[[Any], Any]]:
    spec, flags = info.option, flags_of(info)
    dest = info.name
    if spec.cli == "flag":
        return [click.option(*flags, dest, is_flag=True, default=None, help=_help(info))]
    if spec.cli == "no_flag":
        return [click.option(*flags, dest, is_flag=True, flag_value=False, default=None, help=_help(info))]
    if spec.cli == "flag_text":
        return [click.option(flags[0], dest, is_flag=True, default=None, help=_help(info)),
                click.option(flags[1], dest + _TEXT_SUFFIX, metavar="TEXT", default=None,
                             help=f"A {info.name} of your own (implies {flags[0]}).")]
    if spec.cli == "multiple":
        return [click.option(*flags, dest, multiple=True, metavar=spec.metavar, help=_help(info))]
    if spec.choices:
        return [click.option(*flags, dest, type=click.Choice(list(spec.choices), case_sensitive=False),
                             default=None, help=_help(info))]
    return [click.option(*flags, dest, metavar=spec.metavar, default=None, help=_help(info))]


def design_options(func: Callable[..., Any] | None = None, *,
                   skip: Iterable[str] = ()) -> Any:
    """Add one click option (or two, for ``--caption`` and ``--caption-text``) per design field."""
    skipped = set(skip)

    def decorate(target: Callable[..., Any]) -> Callable[..., Any]:
        options = [opt for info in FIELDS.values() if info.name not in skipped
                   for opt in _click_options(info)]
        for opt in reversed(options):
            target = opt(target)
        return target

    return decorate if func is None else decorate(func)


def design_values(values: dict[str, Any]) -> dict[str, Any]:
    """Pop the design options from a command's keyword values; keep those the user gave."""
    given: dict[str, Any] = {}
    for name, info in FIELDS.items():
        if name not in values:
            continue
        value = values.pop(name)
        if info.option.cli == "flag_text":
            text = values.pop(name + _TEXT_SUFFIX, None)
            value = text if text is not None else value
        if info.option.cli == "multiple":
            value = list(value) or None
        if value is not None:
            given[name] = value
    return given


def create_design(given: dict[str, Any], base: Design | None = None) -> Design:
    """:meth:`Design.create` for the command line: a bad value is a usage error naming its flag."""
    try:
        return Design.create(**given) if base is None else base.replace(**given)
    except ChutecodeError as exc:
        name = getattr(exc, "field", None)
        if name in FIELDS:
            flag = flags_of(FIELDS[name])[0]
            if FIELDS[name].option.cli == "flag_text" and isinstance(given.get(name), str):
                flag = flags_of(FIELDS[name])[1]
            raise click.BadParameter(str(exc).replace("\n", " "), param_hint=f"'{flag}'") from None
        raise
