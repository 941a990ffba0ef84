"""English words, for telling apart readings the gores cannot: a hidden data bit, or letters a
photo shows too faintly.

The list (``words/english.txt.gz``, 73,445 words of SCOWL's size-50 American English list, proper
names and abbreviations included; see ``words/SCOWL-COPYRIGHT``) is made by
``scripts/english_words.py`` and loaded the first time a reading has an unsure letter.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

__all__ = ["english_words", "is_word"]


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word of the list, in capitals."""
    data = resources.files("chutecode.picture").joinpath("words", "english.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("ascii").split())


def is_word(text: str) -> bool:
    """Whether ``text`` (any case) is an English word of the list."""
    return text.upper() in english_words()
