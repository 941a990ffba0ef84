"""The web playground: one page to type a message, see the canopy, download it and share it.

``chutecode.web:app`` is a WSGI application, so any WSGI server runs it
(``waitress-serve --listen=127.0.0.1:8000 chutecode.web:app``); ``chutecode
serve`` runs it on the standard library's threaded server
(:func:`chutecode.web.server.serve`). The layer builds on the library and
nothing in the library imports it.

>>> from chutecode.web import app
>>> callable(app)
True
"""

from chutecode.web.app import Playground, make_app
from chutecode.web.limits import DEFAULT_LIMITS, Limits

__all__ = ["app", "make_app", "Playground", "Limits", "DEFAULT_LIMITS"]

#: The playground as a WSGI application, with the default limits.
app = make_app()
