"""From a layout and a design to a :class:`~chutecode.drawing.drawing.Drawing`: canopy
geometry, page shapes and blocks, text measuring and the page composition.

:func:`~chutecode.drawing.draw.draw` is the one way in; renderers turn its
drawing into files.
"""

from chutecode.drawing.cairo_cache import install as _install_cairo_cache

_install_cairo_cache()
