"""Make the English word list the picture reader breaks ties with.

    python scripts/english_words.py [WORDS]   # writes src/chutecode/picture/words/english.txt.gz

WORDS (default ``/usr/share/dict/american-english``, Debian's ``wamerican``: SCOWL's size-50
American English list, proper names and abbreviations included) is read one word a line; the
words of letters A-Z alone are kept, in capitals, once each, sorted, one a line, and gzipped
with no name or time in the header (the same list gives the same bytes). SCOWL's copyright and
permission notice goes beside it as ``SCOWL-COPYRIGHT``.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "chutecode" / "picture" / "words"


def main() -> None:
    """Write the list from the given word file."""
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/american-english")
    words = sorted(
        {line.strip().upper() for line in source.read_text(encoding="utf-8").splitlines()
         if re.fullmatch(r"[A-Za-z]+", line.strip())}
    )
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(("\n".join(words) + "\n").encode("ascii"))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "english.txt.gz").write_bytes(buffer.getvalue())
    print(f"{len(words)} words, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
