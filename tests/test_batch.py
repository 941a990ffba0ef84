"""Print batches: many rows, bad rows, hostile names, reruns, kills and Dask."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

import chutecode
from chutecode import batch
from chutecode.batch.manifest import file_sha256
from chutecode.cli import main

WORDS = ["DARE", "MIGHTY", "THINGS", "MARS", "ROVER", "HELLO", "SKY", "DUST", "RED", "GO"]
SMALL = {"size": "240px", "dpi": 96}


def rows_csv(path: Path, count: int = 60, *, bad_row: int | None = 17, hostile_row: int | None = 23) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["message", "coords", "name", "palette"])
        for i in range(1, count + 1):
            message = f"{WORDS[i % 10]} {WORDS[(i * 3) % 10]}"
            coords = f"{(i * 7) % 90} {i % 60} {(i * 13) % 60} N {(i * 11) % 180} 10 31 W"
            name = f"poster-{i:03d}"
            palette = ["perseverance", "mars", "midnight"][i % 3]
            if i == bad_row:
                coords = "95 0 0 N 0 0 0 E"
            if i == hostile_row:
                name = "../../escaped"
            writer.writerow([message, coords, name, palette])
    return path


def all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_sixty_rows_one_bad_one_hostile(tmp_path, capsys):
    rows = rows_csv(tmp_path / "rows.csv")
    out = tmp_path / "out"
    before = all_files(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["batch", str(rows), "--out", str(out), "-f", "pdf,svg", "--size", "240px",
              "--workers", "2"])
    assert info.value.code == 1
    made = sorted(p.name for p in out.glob("*.pdf"))
    assert len(made) == 59
    assert "escaped.pdf" in made and "poster-017.pdf" not in made
    # nothing outside the output folder: the only new files are under out/
    assert {p for p in all_files(tmp_path) - before if out not in p.parents} == set()
    with open(out / "report.csv", encoding="utf-8") as handle:
        report = list(csv.DictReader(handle))
    assert len(report) == 1
    assert report[0]["row"] == "17" and report[0]["line"] == "18"
    assert "latitude '95'" in report[0]["error"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["rows"]) == 59
    entry = manifest["rows"]["escaped"]
    assert {o["file"] for o in entry["outputs"]} == {"escaped.pdf", "escaped.svg"}
    assert entry["outputs"][0]["sha256"] == file_sha256(out / entry["outputs"][0]["file"])
    assert "59 made, 0 skipped, 1 failed" in capsys.readouterr().out


def test_rerun_skips_finished_rows_and_redoes_damaged_ones(tmp_path):
    rows = rows_csv(tmp_path / "rows.csv", 12, bad_row=None, hostile_row=None)
    out = tmp_path / "out"
    first = batch.run(rows, out, formats=("svg",), workers=1, **SMALL)
    assert len(first.made) == 12 and not first.skipped
    second = batch.run(rows, out, formats=("svg",), workers=1, **SMALL)
    assert second.made == [] and len(second.skipped) == 12
    (out / "poster-003.svg").write_text("damaged", encoding="utf-8")
    (out / "poster-004.svg").unlink()
    third = batch.run(rows, out, formats=("svg",), workers=1, **SMALL)
    assert third.made == ["poster-003", "poster-004"] and len(third.skipped) == 10
    changed = batch.run(rows, out, formats=("svg",), workers=1, palette="mono", size="240px", dpi=96)
    assert changed.made == []  # the rows' own palette column wins over the default
    changed = batch.run(rows, out, formats=("svg",), workers=1, size="250px", dpi=96)
    assert len(changed.made) == 12  # a new option: everything is made again


def test_killed_batch_leaves_only_complete_posters_and_completes_on_rerun(tmp_path):
    # Enough rows that the batch runs for seconds: it is killed long before the end.
    rows = rows_csv(tmp_path / "rows.csv", 150, bad_row=None, hostile_row=None)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "chutecode", "batch", str(rows), "--out", str(out), "-f", "pdf,png",
            "--size", "900px", "--dpi", "150", "--workers", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.png"))) < 6 and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    posters = [p for p in out.iterdir() if p.suffix in (".pdf", ".png")]
    assert 6 <= len(posters) < 300
    for poster in posters:
        if poster.suffix == ".png":
            with Image.open(poster) as image:
                image.load()
        else:
            assert len(PdfReader(poster).pages) == 1
    report = batch.run(rows, out, formats=("pdf", "png"), workers=2, size="900px", dpi=150)
    assert report.ok and len(report.made) + len(report.skipped) == 150 and report.skipped
    assert len(list(out.glob("*.png"))) == 150 and len(list(out.glob("*.pdf"))) == 150
    assert not list(out.glob(".*.part"))


def test_combine_and_contact_sheet(tmp_path):
    rows = rows_csv(tmp_path / "rows.csv", 8, bad_row=3, hostile_row=None)
    report = batch.run(rows, tmp_path / "out", formats=("pdf", "png"), workers=2,
                       combine="book.pdf", contact_sheet="sheet.png", **SMALL)
    assert len(report.failed) == 1
    book = PdfReader(tmp_path / "out" / "book.pdf")
    assert len(book.pages) == 7
    # The book is joined by the same PDF joiner as render_pages: chutecode's metadata, fixed date,
    # and each page keeps the boxes of its own PDF.
    assert book.metadata["/Creator"] == f"chutecode {chutecode.__version__}"
    assert book.metadata["/Title"] == "7 parachute ring codes"
    assert book.metadata["/CreationDate"].startswith("D:20210218")
    first = PdfReader(tmp_path / "out" / "poster-001.pdf").pages[0]
    assert [float(v) for v in book.pages[0].trimbox] == [float(v) for v in first.trimbox]
    with Image.open(tmp_path / "out" / "sheet.png") as sheet:
        assert sheet.size == (6 * 240, 2 * (240 + 28))


def test_toml_rows_override_command_line_options(tmp_path):
    toml = tmp_path / "rows.toml"
    toml.write_text('[[poster]]\nmessage = "A"\nname = "a"\npalette = "mono"\n\n'
                    '[[poster]]\nmessage = "B"\nname = "b"\n', encoding="utf-8")
    batch.run(toml, tmp_path / "out", formats=("svg",), palette="midnight", **SMALL)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["a"]["options"]["design"]["palette"] == "mono"
    assert manifest["rows"]["b"]["options"]["design"]["palette"] == "midnight"


def test_verify_reads_layouts_back(tmp_path):
    report = batch.run([{"message": "DARE MIGHTY THINGS", "coords": "34 11 58 N 118 10 31 W",
                         "name": "jpl"}], tmp_path, formats=("svg",), verify=True, **SMALL)
    assert report.ok and report.made == ["jpl"]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"formats": ("gif",)}, "'gif' is not a batch format"),
    ({"formats": ("svg",), "combine": "book.pdf"}, "add pdf to the formats"),
    ({"name": "{message.upper}"}, "name template"),
    ({"colour": "red"}, "column 'colour' is not a design option"),
    ({"engine": "slurm"}, "engine 'slurm' is not known"),
    ({"workers": 0}, "workers 0 is not valid"),
])
def test_batch_level_errors(tmp_path, kwargs, fragment):
    with pytest.raises(batch.BatchError, match=fragment):
        batch.run([{"message": "A"}], tmp_path / "out", **kwargs)


def test_dask_engine_gives_the_same_files(tmp_path):
    pytest.importorskip("distributed")
    rows = rows_csv(tmp_path / "rows.csv", 6, bad_row=None, hostile_row=None)
    local = batch.run(rows, tmp_path / "local", formats=("svg", "pdf"), workers=1, **SMALL)
    dask = batch.run(rows, tmp_path / "dask", formats=("svg", "pdf"), engine="dask", workers=2, **SMALL)
    assert dask.ok and dask.made == local.made
    for files in local.outputs:
        for path in files:
            assert file_sha256(path) == file_sha256(tmp_path / "dask" / path.name)


def test_page_columns_make_posters(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("message,name,page,caption,legend\nHELLO MARS,a,a5,yes,true\n"
                    "GOOD NIGHT,b,a6,Sleep well,no\n", encoding="utf-8")
    report = batch.run(rows, tmp_path / "out", formats=("pdf",), workers=1)
    assert report.ok
    a, b = (PdfReader(tmp_path / "out" / f"{n}.pdf") for n in "ab")
    assert [round(float(x)) for x in a.pages[0].mediabox[2:]] == [420, 595]   # A5 in points
    assert [round(float(x)) for x in b.pages[0].mediabox[2:]] == [298, 420]   # A6
    assert "HELLO MARS" in a.pages[0].extract_text()
    assert "Sleep well" in b.pages[0].extract_text()


def test_verify_reads_pngs_back(tmp_path):
    report = batch.run([{"message": "HELLO MARS", "coords": "18 26 40 N 77 27 00 E", "name": "h"},
                        {"message": "GO", "name": "g", "palette": "explain"}],
                       tmp_path, formats=("png",), verify=True, size="700px", dpi=150, workers=1)
    assert report.ok and report.made == ["h", "g"]


def test_verify_reports_a_picture_that_says_something_else(tmp_path, monkeypatch):
    import chutecode.picture.reader

    def misread(path, **hints):
        return chutecode.decode(chutecode.encode("OTHER WORDS"))

    monkeypatch.setattr(chutecode.picture.reader, "decode_image", misread)
    report = batch.run([{"message": "HELLO MARS", "name": "h"}], tmp_path, formats=("png",),
                       verify=True, size="400px", dpi=96, workers=1)
    assert [f.name for f in report.failed] == ["h"]
    assert "verify: the PNG says 'OTHER WORDS'" in report.failed[0].error


def test_rows_never_take_the_names_of_the_book_and_the_contact_sheet(tmp_path):
    rows = [{"message": "DARE", "name": "book"}, {"message": "MARS", "name": "Sheet"},
            {"message": "SKY", "name": "other"}]
    out = tmp_path / "out"
    report = batch.run(rows, out, formats=("pdf", "png"), workers=1, combine="book.pdf",
                       contact_sheet="sheet.png", **SMALL)
    assert report.made == ["book-2", "Sheet-2", "other"]
    assert len(PdfReader(out / "book.pdf").pages) == 3
    assert PdfReader(out / "book-2.pdf").pages[0] is not None
    # A rerun finds every row's files as it left them: nothing to make again.
    again = batch.run(rows, out, formats=("pdf", "png"), workers=1, combine="book.pdf",
                      contact_sheet="sheet.png", **SMALL)
    assert again.made == [] and len(again.skipped) == 3


def test_extra_outputs_are_inside_the_folder_unless_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere" / "all.pdf"
    batch.run([{"message": "DARE"}], out, formats=("pdf", "png"), workers=1,
              combine="books/all.pdf", contact_sheet="proof/sheet.png", **SMALL)
    assert (out / "books" / "all.pdf").exists() and (out / "proof" / "sheet.png").exists()
    assert not (tmp_path / "books").exists()
    elsewhere.parent.mkdir()
    batch.run([{"message": "DARE"}], out, formats=("pdf",), workers=1, combine=str(elsewhere), **SMALL)
    assert len(PdfReader(elsewhere).pages) == 1


def test_a_failed_row_leaves_none_of_its_files(tmp_path):
    # The PDF of a 2 mm canopy is made; its PNG (8 px at 96 dpi) is refused: the PDF goes too.
    out = tmp_path / "out"
    report = batch.run([{"message": "DARE", "name": "tiny", "size": "2mm"}, {"message": "MARS"}], out,
                       formats=("pdf", "png"), workers=1, dpi=96)
    assert [f.name for f in report.failed] == ["tiny"]
    assert "smaller than the limit of 16 px a side" in report.failed[0].error
    assert sorted(p.name for p in out.iterdir()) == ["0002.pdf", "0002.png", "manifest.json", "report.csv"]


def test_the_folder_lock_is_gone_after_a_batch(tmp_path):
    out = tmp_path / "out"
    batch.run([{"message": "DARE"}], out, formats=("svg",), workers=1, **SMALL)
    assert sorted(p.name for p in out.iterdir()) == ["0001.svg", "manifest.json", "report.csv"]
