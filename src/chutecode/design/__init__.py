"""How a layout is drawn and printed: the :class:`~chutecode.design.design.Design` value
and its parts (style, palette, page, units, fonts, print profile).

>>> from chutecode.design import Design
>>> Design.create(page="a3", caption="yes").page
'a3'
"""

from chutecode.design.design import DEFAULT_DPI, DEFAULT_SIZE_MM, FIELD_NAMES, FIELDS, Design

__all__ = ["Design", "FIELDS", "FIELD_NAMES", "DEFAULT_DPI", "DEFAULT_SIZE_MM"]
