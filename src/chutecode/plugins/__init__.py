"""Bridges to neighbouring tools. Nothing in chutecode imports them; the tools load them
through their own entry points (``vpype.plugins``)."""
