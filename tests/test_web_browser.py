"""The playground in a real browser: Playwright driving Debian's Chromium (``/usr/bin/chromium``).

Without Chromium (or Playwright) these tests skip, except under ``CI=true``, where they fail:
``.ci/run`` installs Chromium first. Set ``CHUTECODE_SCREENSHOTS`` to a folder (``docs/images``)
to keep the screenshots the docs show; otherwise they go to a temporary folder.
"""

from __future__ import annotations

import base64
import io
import os
import threading
from pathlib import Path

import pytest

import chutecode
from chutecode.cli import main
from chutecode.web.server import make_server, url_of

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
#: 48.8584° = 48° 51' 30.24" and 2.2945° = 2° 17' 40.2", worked by hand.
EIFFEL, EIFFEL_DMS = "48.8584, 2.2945", "48°51'30\"N 2°17'40\"E"


def _need_browser() -> None:
    missing = None
    if not os.path.exists(CHROMIUM):
        missing = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is not None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def server():
    httpd = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield url_of(httpd)
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # A 400 is how the server says a value is wrong, and the page shows it: not a problem of the page.
    tab.on("console", lambda msg: problems.append(msg.text)
           if msg.type == "error" and "status of 400" not in msg.text else None)
    tab.goto(server)
    _drawn(tab)
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("CHUTECODE_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("screenshots")


def _drawn(tab, text: str | None = None) -> None:
    """Wait until the canopy is drawn (and the share link holds ``text``) and no request is pending."""
    tab.wait_for_selector("#canvas svg.sheet", timeout=30000)
    if text is not None:
        tab.wait_for_function("t => document.getElementById('share-link').value.includes(t)", arg=text,
                              timeout=30000)
    tab.wait_for_function("() => !document.getElementById('canvas').hasAttribute('aria-busy')", timeout=30000)


def _type_message(tab, message: str, coords: str | None = None) -> None:
    tab.fill("#f-message", message)
    if coords is not None:
        tab.fill("#f-coords", coords)
    _drawn(tab, message.replace(" ", "+"))


def _form_state(tab) -> dict:
    return tab.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll(
        '#design input, #design select, #design textarea')).filter(el => el.id && !el.closest('.read'))
        .map(el => [el.id, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value]))""")


def test_typing_redraws_the_canopy(page):
    before = page.inner_html("#canvas")
    page.click("#f-message")
    page.keyboard.press("Control+A")
    page.keyboard.type("HELLO MARS", delay=20)
    _drawn(page, "HELLO+MARS")
    after = page.inner_html("#canvas")
    assert after != before
    assert "<title>HELLO MARS</title>" in after
    assert page.input_value("#share-link").endswith("/?message=HELLO+MARS&coords=34+11+58+N+118+10+31+W")


def test_a_screenshot_of_the_canopy_reads_back_as_what_was_typed(browser, server):
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(server)
    _drawn(tab)
    _type_message(tab, "PIXEL PERFECT", EIFFEL)
    picture = tab.locator("#canvas svg.sheet").screenshot()
    context.close()
    decoded = chutecode.decode_image(picture)
    assert decoded.message == "PIXEL PERFECT"
    assert decoded.coords_text == EIFFEL_DMS


def test_the_share_link_restores_the_form_and_the_canopy(page, browser):
    _type_message(page, "SHARE ME", EIFFEL)
    page.check("#f-palette-3")                       # midnight
    page.fill("#f-gores", "120")
    page.check("#f-caption")
    page.fill("#t-subtitle", "Paris")
    page.select_option("#f-worksheet", "answers")
    page.click("#s-canopy summary")
    page.fill("#f-seam_width", "0.4mm")
    page.click("#s-colour summary")
    page.fill("#f-colour-one", "#ff8800")
    _drawn(page, "seam_width=0.4")
    link = page.input_value("#share-link")
    assert "palette=midnight" in link and "gores=120" in link and "subtitle=Paris" in link
    state, canopy = _form_state(page), page.inner_html("#canvas")

    other = browser.new_page(viewport=DESKTOP)
    other.goto(link)
    _drawn(other)
    restored = _form_state(other)
    assert restored["f-palette-3"] is True
    assert restored.pop("f-seam_width") == "0.4"      # the link holds millimetres
    assert state.pop("f-seam_width") == "0.4mm"
    assert restored == state
    assert other.inner_html("#canvas") == canopy
    assert other.input_value("#share-link") == link
    other.close()


def test_copy_link_puts_the_link_on_the_clipboard(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    tab = context.new_page()
    tab.goto(server + "?message=COPY+ME&coords=")
    _drawn(tab)
    tab.focus("#copy-link")
    tab.keyboard.press("Enter")
    tab.wait_for_selector("#copy-status:has-text('Link copied.')", timeout=10000)
    assert tab.evaluate("navigator.clipboard.readText()") == server + "?message=COPY+ME&coords="
    context.close()


def test_the_pdf_download_is_the_command_line_s(page, tmp_path):
    _type_message(page, "POSTER TIME", EIFFEL)
    page.fill("#f-page", "a5")
    page.check("#f-caption")
    page.check("#f-legend")
    _drawn(page, "legend=yes")
    with page.expect_download() as info:
        page.click("#dl-pdf")
    download = info.value
    assert download.suggested_filename == "poster-time.pdf"
    got = tmp_path / "web.pdf"
    download.save_as(got)
    cli = tmp_path / "cli.pdf"
    with pytest.raises(SystemExit) as done:
        main(["render", "POSTER TIME", "--coords", EIFFEL, "--page", "a5", "--caption", "--legend",
              "-o", str(cli), "-q"])
    assert done.value.code == 0
    assert got.read_bytes() == cli.read_bytes()


def test_a_bad_place_is_shown_next_to_the_place(page):
    page.fill("#f-coords", "91 0 0 N 10 0 0 E")
    page.wait_for_selector("#e-coords:not([hidden])", timeout=30000)
    assert "91" in page.inner_text("#e-coords")
    assert page.get_attribute("#f-coords", "aria-invalid") == "true"
    assert page.get_attribute("#dl-pdf", "aria-disabled") == "true"
    assert page.inner_text("#e-message") == ""
    page.fill("#f-coords", "34 11 58 N 118 10 31 W")
    page.wait_for_selector("#e-coords", state="hidden", timeout=30000)
    assert page.get_attribute("#f-coords", "aria-invalid") is None
    assert "34°11'58\"N 118°10'31\"W" in page.inner_text("#coords-check")


def _canopy_png(message: str, coords: str | None) -> bytes:
    buffer = io.BytesIO()
    chutecode.render(chutecode.encode(message, coords), buffer, format="png", size="900px", dpi=96,
                     palette="blueprint")
    return buffer.getvalue()


def test_a_dropped_or_pasted_picture_is_read_and_redrawn(page):
    picture = base64.b64encode(_canopy_png("DROP ZONE", EIFFEL)).decode()
    page.evaluate("""data => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "canopy.png", {type: "image/png"}));
        const zone = document.getElementById("drop-zone");
        const init = {dataTransfer: transfer, bubbles: true, cancelable: true};
        zone.dispatchEvent(new DragEvent("dragover", init));
        zone.dispatchEvent(new DragEvent("drop", init));
    }""", picture)
    page.wait_for_selector("#read-result .read-message", timeout=60000)
    assert page.inner_text("#read-result .read-message") == "DROP ZONE"
    assert EIFFEL_DMS in page.inner_text("#read-result")
    assert "How each ring was read" in page.inner_text("#read-result")
    _drawn(page, "DROP+ZONE")
    assert page.input_value("#f-message") == "DROP ZONE"
    assert page.input_value("#f-coords") == EIFFEL_DMS
    assert "<title>DROP ZONE</title>" in page.inner_html("#canvas")

    pasted = base64.b64encode(_canopy_png("PASTE IT", None)).decode()
    page.evaluate("""data => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], "pasted.png", {type: "image/png"}));
        document.dispatchEvent(new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true}));
    }""", pasted)
    page.wait_for_function("() => document.querySelector('#read-result .read-message')?.textContent === "
                           "'PASTE IT'", timeout=60000)
    _drawn(page, "PASTE+IT")


def test_a_chosen_picture_and_pasted_bits_are_read(page, tmp_path, capsys):
    path = tmp_path / "chosen.png"
    path.write_bytes(_canopy_png("CHOSEN", None))
    page.set_input_files("#read-file", str(path))
    page.wait_for_selector("#read-result .read-message", timeout=60000)
    assert page.inner_text("#read-result .read-message") == "CHOSEN"
    _drawn(page, "message=CHOSEN")

    with pytest.raises(SystemExit):
        main(["encode", "BITS AND PIECES", "--flow", "stream", "-f", "bits"])
    page.fill("#read-bits", capsys.readouterr().out)
    page.click("#read-bits-button")
    page.wait_for_function("() => document.querySelector('#read-result .read-message')?.textContent === "
                           "'BITS AND PIECES'", timeout=30000)
    _drawn(page, "BITS+AND+PIECES")
    assert page.input_value("#f-flow") == "stream"


def test_explain_links_groups_and_table_rows(page):
    page.click("#explain-toggle")
    assert page.get_attribute("#explain-toggle", "aria-pressed") == "true"
    # Ring 2 is MIGHTY, from group 4: group 5 holds I = 9.
    page.hover("#canvas .area[data-ring='2'][data-group='5']")
    row = page.locator("#ring-table tr.active")
    assert row.count() == 1 and "I = 9" in row.inner_text()
    page.hover("#ring-table tr[data-ring='3'][data-group='2']")
    assert page.locator("#canvas .area.active").count() == 1
    assert page.get_attribute("#canvas .area.active", "data-ring") == "3"
    assert "T = 20" in page.inner_text("#pointed")


def test_keyboard_alone(page):
    page.keyboard.press("Tab")                       # the skip link
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-message"
    page.keyboard.press("Control+A")
    page.keyboard.type("KEYS ONLY")
    _drawn(page, "KEYS+ONLY")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        if reached[-1] == "explain-toggle":
            break
    assert reached[-1] == "explain-toggle", reached
    page.keyboard.press("Enter")
    assert page.is_visible("#explain")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "ring-table"
    page.keyboard.press("ArrowDown")
    active = page.locator("#ring-table tr.active")
    assert active.get_attribute("data-ring") == "1" and active.get_attribute("data-group") == "1"
    assert page.locator("#canvas .area.active").get_attribute("data-group") == "1"
    page.keyboard.press("End")
    assert page.locator("#ring-table tr.active").get_attribute("data-ring") == "3"
    # A palette is chosen with the arrow keys, as radio buttons are.
    page.focus("#f-palette-0")
    page.keyboard.press("ArrowDown")
    _drawn(page, "palette=perseverance")
    page.keyboard.press("ArrowDown")
    _drawn(page, "palette=mars")


def test_every_control_has_a_name_a_screen_reader_says(page):
    nameless = page.evaluate("""() => Array.from(
        document.querySelectorAll('input, select, textarea, button, a'))
        .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !el.textContent.trim())
        .map(el => el.outerHTML.slice(0, 80))""")
    assert nameless == []


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(browser, server, shots, name, viewport):
    tab = browser.new_page(viewport=viewport)
    tab.goto(server + "?message=HELLO+MARS&coords=48.8584%2C+2.2945&palette=midnight")
    _drawn(tab)
    if name == "desktop":
        tab.click("#explain-toggle")
        tab.hover("#canvas .area[data-ring='2'][data-group='6']")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide on a {viewport['width']} px screen"
    shots.mkdir(parents=True, exist_ok=True)
    target = shots / f"playground-{name}.png"
    tab.screenshot(path=str(target))
    tab.close()
    assert target.stat().st_size > 20_000
