"""The ring code: codecs, coordinates, the scheme and layout, the encoder and the decoder.

This layer knows no drawing: a :class:`~chutecode.ringcode.layout.Layout` is bits
and roles, and it imports nothing but :mod:`chutecode.errors`.
"""
