"""PDF/X-4 output: each key ISO 15930-7 asks for, checked in the file, and read by other tools."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

import chutecode
from chutecode.cli import main
from chutecode.errors import PrintError
from chutecode.renderers.cmyk import to_cmyk
from chutecode.renderers.pdfx import srgb_profile
from cmyk_profile import build_cmyk_profile

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmpMM": "http://ns.adobe.com/xap/1.0/mm/", "pdfxid": "http://www.npes.org/pdfx/ns/id/"}
POSTER = {"page": "a5", "bleed": "3mm", "crop_marks": True, "caption": True, "legend": True, "pdfx": True}


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    path = tmp_path_factory.mktemp("icc") / "press.icc"
    path.write_bytes(build_cmyk_profile())
    return path


def _pdf(message: str = "DARE MIGHTY THINGS", **design: object) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode(message, chutecode.PERSEVERANCE_PLACE), buffer, format="pdf", **design)
    return buffer.getvalue()


def _xmp(doc: pikepdf.Pdf) -> ET.Element:
    packet = doc.Root.Metadata.read_bytes().decode("utf-8")
    end = packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")
    root = ET.fromstring(packet[packet.index("<x:xmpmeta"):end])
    description = root.find("rdf:RDF/rdf:Description", NS)
    assert description is not None
    return description


def _text(description: ET.Element, path: str) -> str:
    found = description.find(path, NS)
    assert found is not None, path
    return found.text or ""


def _xmp_to_pdf_date(text: str) -> str:
    year, month, day, hour, minute, second, sign, zh, zm = re.fullmatch(
        r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)", text).groups()
    return f"D:{year}{month}{day}{hour}{minute}{second}{sign}{zh}'{zm}'"


def _content_operators(doc: pikepdf.Pdf) -> set[str]:
    operators: set[str] = set()
    for page in doc.pages:
        operators |= {str(op.operator) for op in pikepdf.parse_content_stream(page)
                      if not isinstance(op, pikepdf.ContentStreamInlineImage)}
        for xobject in (page.Resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                operators |= {str(op.operator) for op in pikepdf.parse_content_stream(xobject)}
    return operators


def test_every_key_pdfx4_asks_for():
    data = _pdf(**POSTER)
    assert data.startswith(b"%PDF-1.6")                                      # PDF/X-4 is PDF 1.6
    with pikepdf.open(io.BytesIO(data)) as doc:
        (intent,) = doc.Root.OutputIntents
        assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1" and str(intent.Info)
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3 and profile.read_bytes() == srgb_profile()
        info = doc.docinfo
        assert info.Trapped == "/False" and str(info.GTS_PDFXVersion) == "PDF/X-4"
        xmp = _xmp(doc)
        assert _text(xmp, "pdfxid:GTS_PDFXVersion") == "PDF/X-4"
        assert _text(xmp, "dc:title/rdf:Alt/rdf:li") == str(info.Title) == "DARE MIGHTY THINGS"
        assert _text(xmp, "dc:description/rdf:Alt/rdf:li") == str(info.Subject)
        assert _text(xmp, "xmp:CreatorTool") == str(info.Creator)
        assert _text(xmp, "pdf:Producer") == str(info.Producer)
        assert _text(xmp, "pdf:Trapped") == "False"
        assert _xmp_to_pdf_date(_text(xmp, "xmp:CreateDate")) == str(info.CreationDate)
        assert _xmp_to_pdf_date(_text(xmp, "xmp:ModifyDate")) == str(info.ModDate)
        assert re.fullmatch(r"uuid:[0-9a-f-]{36}", _text(xmp, "xmpMM:DocumentID"))
        assert _text(xmp, "xmpMM:VersionID") == "1" and _text(xmp, "xmpMM:RenditionClass") == "default"
        first, second = doc.trailer.ID
        assert len(bytes(first)) == 16 and bytes(first) == bytes(second)
        page = doc.pages[0]
        mm = 72 / 25.4
        boxes = ("/TrimBox", "/BleedBox", "/MediaBox")
        trim, bleed, media = (list(map(float, page.obj[box])) for box in boxes)
        assert trim[2] - trim[0] == pytest.approx(148 * mm, abs=0.01)         # A5 trimmed
        assert bleed[2] - bleed[0] == pytest.approx(154 * mm, abs=0.01)        # plus 3 mm each side
        assert media[2] - media[0] > bleed[2] - bleed[0]                       # crop marks outside
        operators = _content_operators(doc)
        assert not operators & {"rg", "RG"} and {"sc", "cs"} <= operators     # no DeviceRGB colour left
        assert page.obj.Group.CS[0] == "/ICCBased"


def test_fonts_are_embedded():
    with pikepdf.open(io.BytesIO(_pdf(**POSTER))) as doc:
        fonts = list(doc.pages[0].Resources.Font.values())
        assert fonts
        for font in fonts:
            described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(described.FontDescriptor.keys())


def test_the_same_poster_gives_the_same_bytes_and_another_another_id():
    first, again, other = _pdf(**POSTER), _pdf(**POSTER), _pdf("HELLO MARS", **POSTER)
    assert first == again
    ids = [pikepdf.open(io.BytesIO(data)).trailer.ID[0] for data in (first, other)]
    assert bytes(ids[0]) != bytes(ids[1])


def test_a_shops_cmyk_profile_is_the_intent_and_colours_are_its_inks(profile):
    data = _pdf(cmyk_profile=profile, **POSTER)
    with pikepdf.open(io.BytesIO(data)) as doc:
        (intent,) = doc.Root.OutputIntents
        assert int(intent.DestOutputProfile.N) == 4
        assert intent.DestOutputProfile.read_bytes() == profile.read_bytes()
        assert str(intent.OutputConditionIdentifier) == "Custom" and str(intent.Info)
        assert doc.pages[0].obj.Group.CS == "/DeviceCMYK"
        inks = {tuple(round(float(v), 4) for v in op.operands)
                for op in pikepdf.parse_content_stream(doc.pages[0]) if str(op.operator) == "k"}
        assert not _content_operators(doc) & {"rg", "RG", "sc", "SC"}
    orange = chutecode.get_palette("perseverance").one
    expected = to_cmyk(Image.new("RGB", (1, 1), orange), profile).getpixel((0, 0))
    assert tuple(round(v / 255, 4) for v in expected) in inks                # as the TIFF converts it


def test_the_srgb_profile_is_srgb_to_littlecms():
    profile = ImageCms.ImageCmsProfile(io.BytesIO(srgb_profile()))
    assert profile.profile.xcolor_space.strip() == "RGB" and profile.profile.device_class == "mntr"
    assert profile.profile.version == pytest.approx(2.1)
    colours = [0, 0, 0, 255, 255, 255, 223, 106, 51, 30, 26, 24, 128, 128, 128, 10, 200, 90]
    swatches = Image.frombytes("RGB", (6, 1), bytes(colours))
    builtin = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    through = ImageCms.profileToProfile(swatches, builtin, profile, outputMode="RGB")
    assert through is not None
    assert max(abs(a - b) for a, b in zip(through.tobytes(), swatches.tobytes(), strict=True)) <= 1


def test_pdfx_on_the_command_line_and_the_profile_only_with_it(tmp_path, profile, capsys):
    target = tmp_path / "poster.pdf"
    with pytest.raises(SystemExit) as done:
        main(["render", "--page", "a6", "--pdfx", "--cmyk-profile", str(profile), "-o", str(target)])
    assert done.value.code == 0 and target.read_bytes().startswith(b"%PDF-1.6")
    with pytest.raises(SystemExit) as done:
        main(["render", "--page", "a6", "--cmyk-profile", str(profile), "-o", str(tmp_path / "plain.pdf")])
    assert done.value.code == 2 and "PDF/X file (--pdfx)" in capsys.readouterr().err
    assert not (tmp_path / "plain.pdf").exists()


def test_a_page_without_a_trimbox_is_refused():
    from chutecode.renderers.pdf import make_pdfx
    from chutecode.renderers.pdfx import output_intent

    with pikepdf.new() as doc:
        doc.add_blank_page()
        buffer = io.BytesIO()
        doc.save(buffer)
    with pytest.raises(PrintError, match="no TrimBox"):
        make_pdfx(buffer.getvalue(), intent=output_intent(None))


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed")
def test_poppler_reads_it_as_pdfx4(tmp_path):
    path = tmp_path / "poster.pdf"
    path.write_bytes(_pdf(**POSTER))
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"PDF subtype:\s+PDF/X-4", out) and re.search(r"PDF version:\s+1\.6", out)


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_ghostscript_reads_it_without_complaint(tmp_path):
    path = tmp_path / "poster.pdf"
    path.write_bytes(_pdf(**POSTER))
    run = subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0 and not run.stdout.strip() and not run.stderr.strip()


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_the_ghostscript_route_to_a_cmyk_vector_pdf(tmp_path):
    """The recipe's command for a PDF made without --pdfx: vector, CMYK, boxes and fonts kept."""
    source, target = tmp_path / "poster.pdf", tmp_path / "poster-cmyk.pdf"
    plain = {key: value for key, value in POSTER.items() if key != "pdfx"}
    source.write_bytes(_pdf(**plain))
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite",
                    "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
                    f"-sOutputFile={target}", str(source)], check=True)
    with pikepdf.open(source) as before, pikepdf.open(target) as after:
        operators = _content_operators(after)
        assert "k" in operators and not operators & {"rg", "RG"}
        for box in ("/TrimBox", "/BleedBox", "/MediaBox"):
            assert [round(float(v), 1) for v in after.pages[0].obj[box]] == \
                [round(float(v), 1) for v in before.pages[0].obj[box]]
        for font in after.pages[0].Resources.Font.values():
            described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(described.FontDescriptor.keys())
        assert "/OutputIntents" not in after.Root                             # not PDF/X any more
    assert Path(target).stat().st_size > 0
