"""MkDocs hook: fill the table of design options from the field table itself
(:data:`chutecode.design.FIELDS`), so the docs cannot drift from the code."""

from __future__ import annotations

from typing import Any

MARKER = "<!-- design-fields -->"


def _default(info: Any) -> str:
    if info.option.shown_default is not None:
        return info.option.shown_default
    value = info.default
    if value in (None, ()):
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def design_fields_table() -> str:
    """A Markdown table: every design option with its flag, default and help, grouped."""
    from chutecode.cli.design_options import flags_of
    from chutecode.design.design import FIELDS

    titles = {"canopy": "The canopy", "colour": "Colours", "size": "Size", "page": "The page",
              "document": "The document", "animation": "Animation"}
    parts: list[str] = []
    group = None
    for info in FIELDS.values():
        if info.option.group != group:
            group = info.option.group
            parts += ["", f"### {titles[group]}", "",
                      "| option (API, batch column) | command line | default | what it does |",
                      "|---|---|---|---|"]
        flags = ", ".join(f"`{flag}`" for flag in flags_of(info))
        if info.option.choices:
            flags += " " + " or ".join(f"`{choice}`" for choice in info.option.choices)
        elif info.option.cli in ("value", "multiple"):
            flags += f" `{info.option.metavar}`"
        text = info.option.help.replace("|", "\\|")
        parts.append(f"| `{info.name}` | {flags} | {_default(info)} | {text} |")
    return "\n".join(parts).strip() + "\n"


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace the marker with the generated table."""
    if MARKER in markdown:
        return markdown.replace(MARKER, design_fields_table())
    return markdown
