"""The playground's WSGI application, called in-process: every endpoint, its headers, its bytes
against ``chutecode render`` and ``chutecode.render``, its 400s, its limits and hostile queries."""

from __future__ import annotations

import builtins
import io
import json
import math
import os
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode
from wsgiref.validate import validator

import pytest
from PIL import Image, ImageDraw

import chutecode
from chutecode import Design
from chutecode.cli import main
from chutecode.design.design import FIELDS
from chutecode.web import Limits, Playground, app
from chutecode.web.query import ENCODE_OPTIONS, LEFT_OUT
from wsgi_client import call

HELLO = {"message": "HELLO MARS", "coords": "48.8584, 2.2945"}
#: 48.8584° = 48° 51' 30.24" and 2.2945° = 2° 17' 40.2", worked by hand.
HELLO_DMS = "48°51'30\"N 2°17'40\"E"


def q(**values: str) -> str:
    return urlencode(values)


def run_cli(args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 0


def library_bytes(fmt: str, message: str, coords: str | None, design: Design, **encode: object) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode(message, coords, **encode), buffer, design, format=fmt)
    return buffer.getvalue()


# -- the page -------------------------------------------------------------------------------------


class _Controls(HTMLParser):
    """Collects the form's controls, labels and data-field names from the page's HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.textareas: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "data-field" in a and (a.get("type") != "radio" or a["data-field"] not in self.fields):
            self.fields.append(a["data-field"])
        if tag == "label" and "for" in a:
            self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea"):
            self.controls.append({"tag": tag, **a})
        if tag == "textarea":
            self._textarea = a.get("id")
            self.textareas[a.get("id", "")] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.textareas[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def _page(query: str = "") -> _Controls:
    answer = call(app, "/", query)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    parser = _Controls()
    parser.feed(answer.body.decode("utf-8"))
    return parser


def test_the_page_has_a_control_for_every_option_of_the_field_table():
    page = _page()
    design_names = [name for name in FIELDS if name not in LEFT_OUT]
    assert sorted(page.fields) == sorted(["message", "coords", *ENCODE_OPTIONS, *design_names])
    assert len(page.fields) == len(set(page.fields)), "an option has two controls"
    assert "cmyk_profile" not in page.fields


def test_every_control_is_labelled():
    page = _page()
    unlabelled = [c for c in page.controls
                  if c.get("id") not in page.label_for and not c.get("aria-label")]
    assert not unlabelled, unlabelled
    assert len(page.controls) > 45


def test_the_page_shows_the_perseverance_canopy_by_default():
    page = _page()
    assert page.textareas["f-message"] == "DARE MIGHTY THINGS"
    coords = next(c for c in page.controls if c.get("id") == "f-coords")
    assert coords["value"] == "34 11 58 N 118 10 31 W"


def test_a_share_link_fills_the_form_as_written():
    query = q(message="HELLO <b>MARS</b>", coords="", gores="120", palette="midnight", caption="My own title",
              legend="yes", worksheet="answers", colours="one=#ff0000;rings=red,gold", size="20cm")
    page = _page(query)
    by_id = {c.get("id"): c for c in page.controls}
    assert page.textareas["f-message"] == "HELLO <b>MARS</b>"       # escaped in HTML, the text restored
    assert by_id["f-coords"]["value"] == ""
    assert by_id["f-gores"]["value"] == "120"
    assert by_id["f-size"]["value"] == "20cm"
    assert "checked" in by_id["f-caption"] and by_id["t-caption"]["value"] == "My own title"
    assert "checked" in by_id["f-legend"]
    assert by_id["f-colour-one"]["value"] == "#ff0000"
    assert by_id["f-colour-rings"]["value"] == "red,gold"
    midnight = [c for c in page.controls if c.get("name") == "palette" and c.get("value") == "midnight"]
    assert "checked" in midnight[0]
    html = call(app, "/", query).body.decode()
    assert '<option value="answers" selected>' in html
    assert "<b>MARS" not in html


def test_every_answer_has_the_security_headers():
    for path, query in (("/", ""), ("/api/preview", q(**HELLO)), ("/static/app.js", ""), ("/nowhere", ""),
                        ("/api/preview", q(message="HELLO", coords="999"))):
        answer = call(app, path, query)
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("name", "kind", "start"), [
    ("app.js", "text/javascript; charset=utf-8", b"// The chutecode playground"),
    ("style.css", "text/css; charset=utf-8", b"/* The chutecode playground"),
    ("favicon.svg", "image/svg+xml", b"<svg"),
])
def test_static_files(name, kind, start):
    answer = call(app, f"/static/{name}")
    assert answer.status == 200 and answer.headers["Content-Type"] == kind
    assert answer.body.startswith(start)


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/index.html", "/static/%2e%2e/app.py",
                                  "/static//etc/passwd", "/static/", "/etc/passwd", "/static/app.js/",
                                  "/download/../../etc/passwd", "/api/../static/app.js"])
def test_no_request_names_a_file(path):
    answer = call(app, path)
    assert answer.status == 404
    assert answer.json()["error"].startswith("there is no")


def test_the_page_and_static_files_need_no_other_site():
    html = call(app, "/").body.decode()
    script = call(app, "/static/app.js").body.decode()
    css = call(app, "/static/style.css").body.decode()
    for text in (html, script, css):
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "https://" not in text
        assert "@import" not in text


def test_head_answers_without_a_body():
    answer = call(app, "/", method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert int(answer.headers["Content-Length"]) > 1000


def test_wrong_methods():
    assert call(app, "/api/preview", q(**HELLO), method="POST", body=b"").status == 405
    answer = call(app, "/api/read")
    assert answer.status == 405 and answer.headers["Allow"] == "POST"


def test_the_app_is_plain_wsgi():
    checked = validator(app)
    for path, query in (("/", ""), ("/api/preview", q(**HELLO)), ("/download/svg", q(**HELLO)),
                        ("/nowhere", "")):
        assert call(checked, path, query).status in (200, 404)


# -- the preview ----------------------------------------------------------------------------------


def test_preview_is_the_svg_chutecode_render_writes():
    query = q(**HELLO, palette="midnight", gores="120", start_angle="4.5")
    answer = call(app, "/api/preview", query)
    assert answer.status == 200 and answer.headers["Cache-Control"] == "no-store"
    data = answer.json()
    expected = library_bytes("svg", "HELLO MARS", "48.8584, 2.2945",
                             Design.create(palette="midnight", start_angle=4.5), gores=120)
    assert data["pages"] == [expected.decode("utf-8")]
    assert data["message"] == "HELLO MARS"
    assert data["place"]["text"] == HELLO_DMS
    assert data["place"]["latitude"] == pytest.approx(48.8584, abs=1 / 3600)


def test_preview_table_is_the_table_of_encode(capsys):
    data = call(app, "/api/preview", q(**HELLO)).json()
    run_cli(["encode", "HELLO MARS", "--coords", "48.8584, 2.2945"])
    text = capsys.readouterr().out
    assert f"scheme   {data['table']['scheme']}" in text
    for ring in data["table"]["rings"]:
        assert f"ring {ring['ring']}: {ring['title']}, starts at group {ring['start_group']}" in text
        for row in ring["groups"]:
            line = f"{row['group']:>5}  {row['gores'].split('-')[0]:>2}-{row['gores'].split('-')[1]:<4} " \
                   f"{row['bits']:<12} {row['role']:<11} {row['symbol']}".rstrip()
            assert line in text
    # Ring 2 is MARS, starting where HELLO ended (five letters and its terminator: group 5).
    mars = data["table"]["rings"][1]
    assert mars["title"] == "line 'MARS'" and mars["start_group"] == 5
    assert [row["symbol"] for row in mars["groups"][5:]] == ["M = 13", "A = 1", "R = 18"]


def test_preview_areas_lie_on_their_groups():
    data = call(app, "/api/preview", q(**HELLO)).json()
    areas = data["areas"][0]
    assert areas["transform"] == "translate(0.0000 0.0000)"     # a bare canopy page: no shift
    assert len(areas["groups"]) == 3 * 8
    by_key = {(a["ring"], a["group"]): a["d"] for a in areas["groups"]}
    # The 200 mm canopy is centred at (100, 100); the coordinate band is 0.90-1.00 of the radius
    # (SPEC section 6), and group 0 starts at 12 o'clock, group 2 at 3 o'clock (90 degrees).
    assert by_key[(3, 0)].startswith("M100 0A100 100 0 0 1 ")
    assert by_key[(3, 2)].startswith("M200 100A100 100 0 0 1 ")
    assert "L190 100" in by_key[(3, 1)]       # group 1 ends at 3 o'clock on the inner edge (radius 90)


def test_preview_of_a_worksheet_has_both_pages():
    data = call(app, "/api/preview", q(**HELLO, worksheet="yes")).json()
    assert len(data["pages"]) == 2 and len(data["areas"]) == 2
    assert data["worksheet"] is True
    assert all(page.startswith("<?xml") for page in data["pages"])


def test_preview_query_is_a_share_link_that_restores_the_design():
    query = q(message="Hello", coords="", flow="stream", rings="4", palette="mars", page="a4",
              landscape="yes", caption="Our canopy", margin="12mm", seam_colour="navy", colours="one=#123456")
    data = call(app, "/api/preview", query).json()
    shared = data["query"]
    assert shared.startswith("message=Hello&coords=&flow=stream&rings=4&")
    again = call(app, "/api/preview", shared).json()
    assert again["query"] == shared and again["pages"] == data["pages"]
    design = Design.create(palette="mars", page="a4", landscape=True, caption="Our canopy", margin="12mm",
                           seam_colour="navy", colours="one=#123456")
    assert shared.endswith(design.to_query())


def test_a_message_without_coords_has_no_place():
    data = call(app, "/api/preview", q(message="HELLO")).json()
    assert data["place"] is None
    assert [ring["title"] for ring in data["table"]["rings"]] == ["line 'HELLO'"]


# -- downloads ------------------------------------------------------------------------------------

CLI_CASES = [
    ("svg", "hello-mars.svg", "image/svg+xml", {"palette": "midnight"}, ["--palette", "midnight"]),
    ("png", "hello-mars.png", "image/png", {"size": "6cm", "dpi": "150", "annotate": "yes"},
     ["--size", "6cm", "--dpi", "150", "--annotate"]),
    ("pdf", "hello-mars.pdf", "application/pdf", {"page": "a5", "caption": "yes", "legend": "yes",
                                                  "footer": "Read me", "gores": "120"},
     ["--page", "a5", "--caption", "--legend", "--footer-text", "Read me", "--gores", "120"]),
    ("worksheet", "hello-mars-worksheet.pdf", "application/pdf", {"page": "a4"},
     ["--page", "a4", "--worksheet"]),
]


@pytest.mark.parametrize(("kind", "filename", "content_type", "options", "flags"), CLI_CASES,
                         ids=[case[0] for case in CLI_CASES])
def test_downloads_are_what_chutecode_render_writes(tmp_path, kind, filename, content_type, options, flags):
    answer = call(app, f"/download/{kind}", q(**HELLO, **options))
    assert answer.status == 200, answer.body[:300]
    assert answer.headers["Content-Type"] == content_type
    assert answer.headers["Content-Disposition"] == f'attachment; filename="{filename}"'
    target = tmp_path / ("out" + Path(filename).suffix)
    run_cli(["render", "HELLO MARS", "--coords", "48.8584, 2.2945", *flags, "-o", str(target), "-q"])
    assert answer.body == target.read_bytes()


def test_png_download_has_the_size_and_dpi_asked_for():
    answer = call(app, "/download/png", q(**HELLO, size="4in", dpi="100"))
    image = Image.open(io.BytesIO(answer.body))
    assert image.size == (400, 400)
    assert image.info["dpi"] == pytest.approx((100, 100), abs=0.01)


def test_layout_download_is_what_chutecode_encode_writes(tmp_path):
    answer = call(app, "/download/layout", q(**HELLO, codec="ascii", flow="stream"))
    assert answer.headers["Content-Disposition"] == 'attachment; filename="hello-mars-layout.json"'
    target = tmp_path / "layout.json"
    run_cli(["encode", "HELLO MARS", "--coords", "48.8584, 2.2945", "--codec", "ascii", "--flow", "stream",
             "-f", "json", "-o", str(target)])
    assert answer.body == target.read_bytes()


def test_design_download_reads_back_as_the_design():
    answer = call(app, "/download/design", q(**HELLO, palette="mono", page="a3", seam_width="0.3mm"))
    data = json.loads(answer.body)
    assert data == {"seam_width": 0.3, "palette": "mono", "page": "a3"}
    assert Design.from_dict(data) == Design.create(palette="mono", page="a3", seam_width="0.3mm")


def test_file_names_are_safe():
    answer = call(app, "/download/svg", q(message='a"b/../../c\r\nX-Evil: 1', codec="ascii", flow="stream"))
    assert answer.headers["Content-Disposition"] == 'attachment; filename="a-b-c-x-evil-1.svg"'
    russian = call(app, "/download/svg", q(message="Привет", codec="utf8", gores="200"))
    assert russian.headers["Content-Disposition"] == 'attachment; filename="canopy.svg"'


def test_a_two_page_worksheet_is_not_one_svg():
    answer = call(app, "/download/svg", q(**HELLO, worksheet="yes"))
    assert answer.status == 400 and answer.json()["field"] == "worksheet"
    assert "worksheet PDF" in answer.json()["error"]


def test_unknown_download():
    answer = call(app, "/download/exe", q(**HELLO))
    assert answer.status == 404 and "svg, png, pdf" in answer.json()["error"]


# -- errors and hostile queries -------------------------------------------------------------------

BAD = [
    ({"message": "HELLO", "coords": "91 0 0 N 0 0 0 E"}, "coords", "91"),
    ({"message": "HELLO", "coords": "somewhere nice"}, "coords", "somewhere nice"),
    ({"message": "", "coords": ""}, "message", "empty"),
    ({"message": "HELLO", "gores": "85"}, "gores", "85"),
    ({"message": "HELLO", "gores": "99999999999999999999"}, "gores", "99999999999999999999"),
    ({"message": "HELLO", "gores": "1e9"}, "gores", "1e9"),
    ({"message": "HELLO", "rings": "-3"}, "rings", "-3"),
    ({"message": "A B C D E", "rings": "2"}, "rings", "rings=2"),
    ({"message": "HELLO", "codec": "klingon"}, "codec", "klingon"),
    ({"message": "HELLO", "palette": "rainbow"}, "palette", "rainbow"),
    ({"message": "HELLO", "seam_width": "0.3x"}, "seam_width", "0.3x"),
    ({"message": "HELLO", "size": "1e308"}, "size", "5000"),
    ({"message": "HELLO", "size": "inf"}, "size", "inf"),
    ({"message": "HELLO", "dpi": "1e308"}, "dpi", "1200"),
    ({"message": "HELLO", "start_angle": "1e400"}, "start_angle", "1e400"),
    ({"message": "HELLO", "page": "100000x100000mm"}, "page", "5000"),
    ({"message": "HELLO", "page": "../../etc/passwd"}, "page", "../../etc/passwd"),
    ({"message": "HELLO", "cmyk_profile": "/etc/passwd"}, "cmyk_profile", "file on the server"),
    ({"message": "HELLO", "font": "/usr/share/fonts/x.ttf"}, "font", "family name"),
    ({"message": "HELLO", "layout": "/etc/passwd"}, None, "'layout' is not known"),
    ({"message": "<script>alert(1)</script>"}, "message", "<script>"),
    ({"message": "HELLO", "caption": "x" * 201}, "caption", "at most 200"),
    ({"message": "A" * 281}, "message", "at most 280"),
    ({"message": "A " * 60}, "message", "more than the playground draws (20)"),
    ({"message": "HELLO", "colours": "one=javascript:alert(1)"}, "colours", "javascript:alert(1)"),
    ({"message": "HELLO", "margin": "1e9mm", "page": "a4"}, "margin", "leaves almost no room"),
]


@pytest.mark.parametrize(("values", "field", "fragment"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_bad_input_is_a_400_naming_its_field(values, field, fragment):
    for path in ("/api/preview", "/download/pdf"):
        answer = call(app, path, q(**values))
        assert answer.status == 400, answer.body[:200]
        data = answer.json()
        assert data["field"] == field
        assert "\n" not in data["error"] and "Traceback" not in data["error"]
        if fragment is not None:
            assert fragment in data["error"]


def test_script_text_in_the_message_stays_text():
    answer = call(app, "/api/preview", q(message="<script>alert(1)</script>", codec="ascii", flow="stream",
                                         gores="200", caption="yes", page="a5"))
    assert answer.status == 200
    svg = answer.json()["pages"][0]
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_the_query_string_itself():
    long = call(app, "/api/preview", "message=" + "A" * 9000)
    assert long.status == 414 and "8192" in long.json()["error"]
    assert call(app, "/", "message=" + "A" * 9000).status == 414
    twice = call(app, "/api/preview", "message=A&message=B").json()
    assert twice["field"] == "message" and "twice" in twice["error"]
    assert call(app, "/api/preview", "message=%ff%fe").status == 400
    many = call(app, "/api/preview", "&".join(f"x{i}=1" for i in range(300)))
    assert many.status == 400


def test_a_png_past_the_pixel_limit_is_refused_before_it_is_drawn(monkeypatch):
    import chutecode.renderers.api as api

    drawn = []
    monkeypatch.setattr(api, "render_drawings", lambda *a, **k: drawn.append(a))
    answer = call(app, "/download/png", q(**HELLO, size="24in", dpi="1000"))   # 24000 x 24000 px
    assert answer.status == 400 and answer.json()["field"] == "dpi"
    assert "24000 x 24000 px" in answer.json()["error"] and not drawn


def test_a_failure_shows_no_traceback(monkeypatch):
    playground = Playground()

    def broken(request):
        raise RuntimeError("secret detail at /home/someone/file.py")

    monkeypatch.setattr(playground, "_preview", broken)
    answer = call(playground, "/api/preview", q(**HELLO))
    assert answer.status == 500
    assert "secret" not in answer.body.decode() and "Traceback" not in answer.body.decode()
    assert "RuntimeError: secret detail" in answer.errors     # the server's log has it


def test_too_many_renders_get_a_503_with_retry_after():
    playground = Playground(Limits(renders=1, wait=0.05, retry_after=3))
    with playground.slots.slot():
        answer = call(playground, "/api/preview", q(**HELLO))
        assert answer.status == 503 and answer.headers["Retry-After"] == "3"
        assert "try again" in answer.json()["error"]
        assert call(playground, "/download/pdf", q(**HELLO)).status == 503
    assert call(playground, "/api/preview", q(**HELLO)).status == 200


def test_renders_queue_for_a_slot_rather_than_fail():
    playground = Playground(Limits(renders=1, wait=5.0))
    statuses: list[int] = []
    slot = playground.slots.slot()
    slot.__enter__()
    worker = threading.Thread(
        target=lambda: statuses.append(call(playground, "/api/preview", q(**HELLO)).status))
    worker.start()
    worker.join(0.3)
    assert worker.is_alive() and not statuses       # waiting for the slot
    slot.__exit__(None, None, None)
    worker.join(10)
    assert statuses == [200]


def test_a_loopback_playground_answers_only_loopback_host_names():
    playground = Playground(hosts=("127.0.0.1", "localhost", "::1"))
    for host in ("127.0.0.1:8000", "localhost:8123", "[::1]:8000", "LOCALHOST"):
        assert call(playground, "/", environ={"HTTP_HOST": host}).status == 200, host
    answer = call(playground, "/", environ={"HTTP_HOST": "evil.example:8000"})
    assert answer.status == 400 and "evil.example" in answer.json()["error"]


# -- reading back ---------------------------------------------------------------------------------


def _picture(message: str, coords: str | None, fmt: str = "png", **options: object) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode(message, coords), buffer, format="png", size="900px", dpi=96, **options)
    if fmt == "png":
        return buffer.getvalue()
    out = io.BytesIO()
    Image.open(buffer).convert("RGB").save(out, format="JPEG", quality=92)
    return out.getvalue()


def test_reading_a_png_back(monkeypatch):
    written: list[str] = []
    real_open = builtins.open

    def watching_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            written.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching_open)
    answer = call(app, "/api/read", body=_picture("HELLO MARS", "48.8584, 2.2945", palette="midnight"),
                  content_type="image/png")
    assert answer.status == 200, answer.body[:300]
    data = answer.json()
    assert data["source"] == "picture"
    assert data["message"] == "HELLO MARS" and data["coords"] == HELLO_DMS
    assert data["redraw"]["message"] == "HELLO MARS" and data["redraw"]["coords"] == HELLO_DMS
    assert data["redraw"]["gores"] == "80" and data["gores"] == 80
    kinds = [ring["kind"] for ring in data["rings"] if ring["kind"] != "padding"]
    assert kinds == ["line", "line", "coordinates"]
    assert not written, f"an upload was written to disk: {written}"


def test_a_picture_read_with_doubts_says_them():
    # A riser across the canopy: the playground's answer carries the reader's warnings as notes,
    # the confidence of each ring, and that the reading is not certain.
    canopy = Image.open(io.BytesIO(_picture("DARE MIGHTY THINGS", "34 11 58 N 118 10 31 W"))).convert("RGB")
    draw = ImageDraw.Draw(canopy)
    rim = [(450 + 460 * math.cos(a), 450 + 460 * math.sin(a)) for a in (0.5, 0.62)]
    draw.polygon([(450, 450), *rim], fill=(60, 62, 66))
    buffer = io.BytesIO()
    canopy.save(buffer, format="PNG")
    data = call(app, "/api/read", body=buffer.getvalue(), content_type="image/png").json()
    assert data["certain"] is False
    assert any(note.startswith("warning: ") and "could not be read clearly" in note for note in data["notes"])
    assert all(0 <= ring["confidence"] <= 1 for ring in data["rings"] if ring["confidence"] is not None)


def test_a_clean_picture_reads_certain():
    picture = _picture("HELLO MARS", "48.8584, 2.2945")
    data = call(app, "/api/read", body=picture, content_type="image/png").json()
    assert data["message"] == "HELLO MARS" and data["certain"] is True
    assert not [note for note in data["notes"] if note.startswith("warning: ")]


def test_reading_a_jpeg_of_120_gores_back():
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode("DARE MIGHTY THINGS", "34 11 58 N 118 10 31 W", gores=120), buffer,
                     format="png", size="1000px", dpi=96)
    jpeg = io.BytesIO()
    Image.open(buffer).convert("RGB").save(jpeg, format="JPEG", quality=90)
    data = call(app, "/api/read", body=jpeg.getvalue(), content_type="image/jpeg").json()
    assert data["message"] == "DARE MIGHTY THINGS"
    # Rings start at groups 0, 4 and 10 and the place at 16 mod 12 = 4: only 12 groups a ring fits.
    assert data["gores"] == 120 and data["gores_known"] is True


def test_reading_pasted_bits_back(capsys):
    run_cli(["encode", "Hello Mars", "--flow", "stream", "--coords", "-33.86, 151.21", "-f", "bits"])
    bits = capsys.readouterr().out
    data = call(app, "/api/read", body=("# pasted\n" + bits).encode(), content_type="text/plain").json()
    assert data["source"] == "bits"
    assert data["message"] == "HELLO MARS" and data["coords"] == "33°51'36\"S 151°12'36\"E"
    assert data["flow"] == "stream" and data["redraw"]["flow"] == "stream"
    assert data["gores"] == 80 and data["gores_known"] is True


def test_read_errors():
    not_bits = call(app, "/api/read", body=b"0101 hello\n", content_type="text/plain")
    assert not_bits.status == 400 and "hello" in not_bits.json()["error"]
    empty = call(app, "/api/read", body=b"# nothing\n", content_type="text/plain")
    assert empty.status == 400 and "no ring bits" in empty.json()["error"]
    gif = io.BytesIO()
    Image.new("RGB", (40, 40)).save(gif, format="GIF")
    assert call(app, "/api/read", body=gif.getvalue(), content_type="image/png").status == 415
    assert call(app, "/api/read", body=b"GIF89a", content_type="image/gif").status == 415
    junk = call(app, "/api/read", body=b"\x89PNG not really", content_type="image/png")
    assert junk.status == 400 and "not a picture" in junk.json()["error"]
    blank = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(blank, format="PNG")
    nothing = call(app, "/api/read", body=blank.getvalue(), content_type="image/png")
    assert nothing.status == 400 and "no canopy" in nothing.json()["error"]


class _Unreadable(io.RawIOBase):
    def read(self, size=-1):
        raise AssertionError("the body was read")


def test_an_upload_past_20_mb_is_refused_before_its_body_is_read():
    answer = call(app, "/api/read", method="POST", content_type="image/png",
                  environ={"CONTENT_LENGTH": str(20 * 1024 * 1024 + 1), "wsgi.input": _Unreadable()})
    assert answer.status == 413 and "20 MB" in answer.json()["error"]
    no_length = call(app, "/api/read", method="POST", content_type="image/png",
                     environ={"wsgi.input": _Unreadable()})
    assert no_length.status == 411


def test_a_picture_past_the_pixel_limit_is_refused_before_it_is_decoded():
    playground = Playground(Limits(image_pixels=100_000))
    answer = call(playground, "/api/read", body=_picture("HI", None), content_type="image/png")
    assert answer.status == 413 and "900 x 900 px" in answer.json()["error"]


def test_pasted_bits_past_the_limits():
    ring = "0" * 401
    answer = call(app, "/api/read", body=ring.encode(), content_type="text/plain")
    assert answer.status == 400 and "401 gores" in answer.json()["error"]
    answer = call(app, "/api/read", body=("0" * 80 + "\n").encode() * 21, content_type="text/plain")
    assert answer.status == 400 and "21 rings" in answer.json()["error"]
    assert call(app, "/api/read", "gores=abc", body=b"01", content_type="text/plain").status == 400
    assert call(app, "/api/read", "path=/etc", body=b"01", content_type="text/plain").status == 400


def test_the_web_layer_writes_no_files():
    source = Path(chutecode.__file__).parent / "web"
    for path in source.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("tempfile", "atomic_write", "atomic_output", ".write_bytes(", ".write_text(",
                       "mkstemp", "os.open"):
            assert needle not in text, f"{path.name} uses {needle}"
        assert not re.search(r"(?<![\w.])open\(", text), f"{path.name} opens a file"
    assert os.path.isdir(source / "static")


def test_the_query_names_are_quoted_in_the_share_link():
    data = call(app, "/api/preview", q(message="R&D = fun?", codec="ascii", coords="")).json()
    assert data["query"].startswith("message=" + quote("R&D = fun?", safe="").replace("%20", "+"))


def test_the_docs_state_the_limits_the_playground_keeps():
    from chutecode.web import DEFAULT_LIMITS as limits

    text = (Path(__file__).resolve().parents[1] / "docs" / "playground.md").read_text(encoding="utf-8")
    for said in (f"| message | {limits.message_chars} characters |", f"| {limits.text_chars} characters |",
                 f"| {limits.query_chars} characters | 414 |", f"| {limits.gores} / {limits.rings} |",
                 f"| {limits.length_mm:g} mm |", f"| dpi | {limits.dpi:g} |",
                 f"| {limits.png_pixels // 1_000_000} million pixels",
                 f"| {limits.upload_bytes // 2**20} MB, checked from `Content-Length`",
                 f"| {limits.image_pixels // 1_000_000} million pixels, PNG or JPEG only |",
                 f"| drawings at once | {limits.renders}; more wait up to {limits.wait:g} s",
                 f"`Retry-After: {limits.retry_after}`"):
        assert said in text, said


def test_the_page_names_its_files_relative_to_itself():
    """So that the playground also works mounted under a path of another server (SCRIPT_NAME)."""
    html = call(app, "/", environ={"SCRIPT_NAME": "/chute"}).body.decode()
    script = call(app, "/static/app.js").body.decode()
    assert 'src="static/app.js"' in html and 'href="static/style.css"' in html
    assert not re.search(r'(href|src|action)="/', html)
    assert not re.search(r'fetch\("/', script) and 'fetch("api/preview?' in script
