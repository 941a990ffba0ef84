"""Pictures back to bits: locating a canopy in a picture and reading its gores
(:func:`~chutecode.picture.reader.decode_image`)."""
