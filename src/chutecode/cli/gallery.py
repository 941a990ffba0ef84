"""The gallery: designs listed in a TOML file, rebuilt by running the very
commands the gallery page shows.

``python -m chutecode.cli.gallery gallery/designs.toml`` (or ``chutecode gallery``)
runs ``chutecode <args> -o <folder>/<name>.png`` for every ``[[design]]`` and
writes ``README.md`` beside the spec, with each picture and its command.
"""

from __future__ import annotations

import shlex
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from chutecode.errors import ChutecodeError, GalleryError
from chutecode.files import atomic_write

__all__ = ["GalleryEntry", "GalleryError", "load_designs", "build_gallery", "gallery_page", "main"]


@dataclass(frozen=True)
class GalleryEntry:
    """One gallery entry.

    Attributes:
        name: file stem of its picture.
        title: heading on the gallery page.
        about: a sentence on what it shows.
        message: what the picture decodes to (checked by the tests).
        coords: the place it decodes to, in DMS, if any.
        args: the ``chutecode`` arguments that make it, without ``-o``.
    """

    name: str
    title: str
    about: str
    message: str
    coords: str | None
    args: tuple[str, ...]

    def command(self, image: str) -> str:
        """The shell command that makes this design's picture at ``image``."""
        return shlex.join(["chutecode", *self.args, "-o", image])


def load_designs(spec: str | Path) -> list[GalleryEntry]:
    """Read ``[[design]]`` tables from a TOML spec."""
    path = Path(spec)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GalleryError(f"gallery spec {str(path)!r} could not be read: {exc}") from None
    designs = []
    for number, item in enumerate(data.get("design", []), start=1):
        try:
            designs.append(GalleryEntry(name=str(item["name"]), title=str(item["title"]),
                                  about=str(item.get("about", "")), message=str(item["message"]),
                                  coords=item.get("coords"), args=tuple(str(a) for a in item["args"])))
        except (KeyError, TypeError) as exc:
            raise GalleryError(f"design {number} in {str(path)!r} lacks {exc}: give name, title, "
                               "message and args") from None
    if not designs:
        raise GalleryError(f"gallery spec {str(path)!r} has no [[design]] tables")
    names = [d.name for d in designs]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise GalleryError(f"design name {duplicate!r} appears twice in {str(path)!r}")
    return designs


def build_gallery(spec: str | Path, out_dir: str | Path | None = None, *,
                  page: bool = True) -> list[tuple[GalleryEntry, list[Path]]]:
    """Make every design's PNG in ``out_dir`` (default: ``images/`` beside the spec).

    Returns each design with its pictures (a worksheet makes ``NAME-1.png`` and
    ``NAME-2.png``). With ``page``, also write ``README.md`` in the folder that
    holds ``out_dir``.
    """
    from chutecode.cli import cli

    spec_path = Path(spec)
    designs = load_designs(spec_path)
    folder = Path(out_dir) if out_dir is not None else spec_path.parent / "images"
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for design in designs:
        image = folder / f"{design.name}.png"
        try:
            cli.main(args=[*design.args, "-o", str(image), "--quiet"], prog_name="chutecode",
                     standalone_mode=False)
        except ChutecodeError as exc:
            raise GalleryError(f"design {design.name!r} failed: {exc}") from None
        pages = [image] if image.exists() else sorted(folder.glob(f"{design.name}-[0-9].png"))
        if not pages:
            raise GalleryError(f"design {design.name!r} made no PNG in {str(folder)!r}: its args "
                               "must draw a PNG")
        made.append((design, pages))
    if page:
        atomic_write(folder.parent / "README.md", gallery_page(made, folder.parent).encode("utf-8"))
    return made


def gallery_page(made: list[tuple[GalleryEntry, list[Path]]], base: Path) -> str:
    """The gallery's Markdown page: each picture with the command that made it."""
    lines = ["# Gallery", "",
             "Every picture here is made by the command under it; `python -m chutecode.cli.gallery "
             "gallery/designs.toml` makes them all again from [designs.toml](designs.toml).", ""]
    for design, images in made:
        shown = [_relative(image, base) for image in images]
        lines += [f"## {design.title}", ""]
        lines += [" ".join(f'<img src="{path}" width="{300 if len(shown) > 1 else 360}" '
                           f'alt="{design.title}">' for path in shown), ""]
        if design.about:
            lines += [design.about, ""]
        target = _relative(base / "images" / f"{design.name}.png", base)
        lines += ["```sh", design.command(f"gallery/{target}"), "```", ""]
    return "\n".join(lines)


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def main(argv: list[str] | None = None) -> None:
    """``python -m chutecode.cli.gallery SPEC [OUT_DIR]``."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help") or len(args) > 2:
        print("usage: python -m chutecode.cli.gallery SPEC.toml [OUT_DIR]", file=sys.stderr)
        sys.exit(0 if args and args[0] in ("-h", "--help") else 2)
    try:
        made = build_gallery(args[0], args[1] if len(args) > 1 else None)
    except ChutecodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    for design, images in made:
        print(f"{design.name}: {', '.join(str(image) for image in images)}")


if __name__ == "__main__":
    main()
