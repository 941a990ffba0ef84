// The chutecode playground: the form becomes a query, the server draws it.
// Plain JavaScript, no build step and nothing from elsewhere (the page's CSP is default-src 'self').
"use strict";

(function () {
  const form = document.getElementById("design");
  const canvas = document.getElementById("canvas");
  const statusLine = document.getElementById("status");
  const generalError = document.getElementById("e-general");
  const explain = document.getElementById("explain");
  const explainToggle = document.getElementById("explain-toggle");
  const tableWrap = document.getElementById("ring-table");
  const schemeLine = document.getElementById("scheme");
  const shareLink = document.getElementById("share-link");
  const placeCheck = document.getElementById("coords-check");
  const pointed = document.getElementById("pointed");
  const data = JSON.parse(document.getElementById("playground-data").textContent);
  const SVG_NS = "http://www.w3.org/2000/svg";
  const DEBOUNCE_MS = 180;

  let timer = null;
  let inFlight = null;
  let lastQuery = null;
  let active = null;          // [ring, group] pointed at
  let rows = [];              // table rows in order, each {ring, group, element}

  // -- the form as a query ----------------------------------------------------------------------

  function controls() {
    return Array.from(form.querySelectorAll("[data-field]"));
  }

  function formQuery() {
    const params = new URLSearchParams();
    const seen = new Set();
    for (const el of controls()) {
      const name = el.dataset.field;
      const kind = el.dataset.kind;
      if (kind === "radio") {
        if (el.checked && el.value !== el.dataset.default) params.set(name, el.value);
        continue;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      if (name === "message" || name === "coords") {
        params.set(name, el.value);
      } else if (kind === "text") {
        const value = el.value.trim();
        if (value !== "" && value !== (el.dataset.default || "")) params.set(name, value);
      } else if (kind === "select") {
        if (el.value !== el.dataset.default) params.set(name, el.value);
      } else if (kind === "bool") {
        const value = el.checked ? "yes" : "no";
        if (value !== el.dataset.default) params.set(name, value);
      } else if (kind === "flagtext") {
        // Ticked: the default text, or the text of one's own typed beside it (typing ticks it).
        const own = document.getElementById("t-" + name).value.trim();
        if (el.checked) params.set(name, own !== "" ? own : "yes");
      } else if (kind === "colours") {
        const parts = [];
        for (const input of el.querySelectorAll("input[data-colours]")) {
          const value = input.value.trim();
          if (value !== "") parts.push(input.dataset.role + "=" + value);
        }
        if (parts.length) params.set(name, parts.join(";"));
      }
    }
    return params.toString();
  }

  // -- errors next to their fields ---------------------------------------------------------------

  function clearErrors() {
    for (const slot of form.querySelectorAll(".error")) {
      if (slot.id === "e-read") continue;
      slot.hidden = true;
      slot.textContent = "";
    }
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  function showError(message, field) {
    const slot = field ? document.getElementById("e-" + field) : null;
    const target = slot || generalError;
    target.textContent = message;
    target.hidden = false;
    if (slot) {
      const control = document.getElementById("f-" + field) || slot.closest("fieldset");
      if (control) control.setAttribute("aria-invalid", "true");
      const more = slot.closest("details");
      if (more) more.open = true;
    }
    if (field === "coords") placeCheck.textContent = "";
  }

  // -- the preview -------------------------------------------------------------------------------

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }

  async function refresh() {
    const query = formQuery();
    if (query === lastQuery) return;
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    canvas.setAttribute("aria-busy", "true");
    statusLine.textContent = "Drawing…";
    let response;
    try {
      response = await fetch("api/preview?" + query, {signal: controller.signal});
    } catch (err) {
      if (err.name === "AbortError") return;
      statusLine.textContent = "The playground's server does not answer.";
      return;
    }
    let body;
    try {
      body = await response.json();
    } catch (err) {
      if (err.name === "AbortError") return;
      body = {error: "the server's answer could not be read"};
    }
    if (controller !== inFlight) return;
    inFlight = null;
    canvas.removeAttribute("aria-busy");
    clearErrors();
    if (response.status === 503) {
      const wait = Number(response.headers.get("Retry-After") || "2");
      statusLine.textContent = "The server is busy; trying again in " + wait + " s.";
      lastQuery = null;
      setTimeout(schedule, wait * 1000);
      return;
    }
    if (!response.ok) {
      lastQuery = query;
      canvas.classList.add("stale");
      statusLine.textContent = "Not drawn: see the message.";
      showError(body.error || "the server refused this", body.field);
      setDownloads(null);
      return;
    }
    lastQuery = query;
    canvas.classList.remove("stale");
    showPreview(body);
    statusLine.textContent = "";
  }

  function parseSvg(text) {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const root = doc.documentElement;
    if (root.nodeName !== "svg") return null;
    return document.importNode(root, true);
  }

  function showPreview(body) {
    const pages = [];
    body.pages.forEach(function (text, index) {
      const svg = parseSvg(text);
      if (!svg) return;
      svg.classList.add("sheet");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      addAreas(svg, body.areas[index], index);
      pages.push(svg);
    });
    canvas.replaceChildren(...pages);
    canvas.classList.toggle("two-pages", pages.length > 1);
    const place = body.place ? " at " + body.place.text : "";
    canvas.setAttribute("aria-label", "The canopy of " + JSON.stringify(body.message) + place +
      (pages.length > 1 ? ", worksheet and answer key" : ""));
    if (body.place) {
      placeCheck.textContent = "Reads as " + body.place.text + " (" + body.place.latitude.toFixed(6) +
        ", " + body.place.longitude.toFixed(6) + ")";
    } else {
      placeCheck.textContent = "No place: the canopy has no coordinate ring.";
    }
    showTable(body.table);
    setDownloads(body);
    // Addresses are relative to the page, so the playground also works mounted under a path.
    shareLink.value = location.origin + location.pathname + "?" + body.query;
    history.replaceState(null, "", "?" + body.query);
  }

  function addAreas(svg, areas, page) {
    if (!areas) return;
    const group = document.createElementNS(SVG_NS, "g");
    group.setAttribute("class", "areas");
    group.setAttribute("transform", areas.transform);
    for (const area of areas.groups) {
      const path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", area.d);
      path.setAttribute("class", "area");
      path.setAttribute("fill-rule", "evenodd");
      path.dataset.ring = area.ring;
      path.dataset.group = area.group;
      path.dataset.page = page;
      group.appendChild(path);
    }
    group.addEventListener("pointerover", function (event) {
      const target = event.target;
      if (target.dataset && target.dataset.ring) {
        setActive(Number(target.dataset.ring), Number(target.dataset.group), true);
      }
    });
    group.addEventListener("pointerleave", function () { setActive(null, null, false); });
    svg.appendChild(group);
  }

  // -- the Explain view --------------------------------------------------------------------------

  function cell(tag, text, className) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  function showTable(table) {
    schemeLine.textContent = table.scheme;
    const parts = [];
    rows = [];
    for (const ring of table.rings) {
      const tableEl = document.createElement("table");
      const caption = "Ring " + ring.ring + ": " + ring.title + ", starts at group " + ring.start_group +
        (ring.note ? ", " + ring.note : "");
      tableEl.appendChild(cell("caption", caption));
      const head = document.createElement("thead");
      const headRow = document.createElement("tr");
      for (const title of ["group", "gores", "bits", "role", "symbol"]) {
        const th = cell("th", title);
        th.scope = "col";
        headRow.appendChild(th);
      }
      head.appendChild(headRow);
      tableEl.appendChild(head);
      const bodyEl = document.createElement("tbody");
      for (const row of ring.groups) {
        const tr = document.createElement("tr");
        tr.className = "role-" + row.role;
        tr.dataset.ring = ring.ring;
        tr.dataset.group = row.group;
        tr.appendChild(cell("td", String(row.group), "num"));
        tr.appendChild(cell("td", row.gores, "num"));
        tr.appendChild(cell("td", row.bits, "bits"));
        tr.appendChild(cell("td", row.role));
        tr.appendChild(cell("td", row.symbol));
        tr.addEventListener("pointerenter", function () { setActive(ring.ring, row.group, false); });
        bodyEl.appendChild(tr);
        rows.push({ring: ring.ring, group: row.group, element: tr});
      }
      tableEl.appendChild(bodyEl);
      parts.push(tableEl);
    }
    tableWrap.replaceChildren(...parts);
    if (active) setActive(active[0], active[1], false);
  }

  function setActive(ring, group, fromCanopy) {
    for (const el of document.querySelectorAll(".area.active, tr.active")) el.classList.remove("active");
    if (ring === null) {
      active = null;
      pointed.textContent = "";
      return;
    }
    active = [ring, group];
    const selector = '[data-ring="' + ring + '"][data-group="' + group + '"]';
    for (const el of document.querySelectorAll(".area" + selector + ", tr" + selector)) {
      el.classList.add("active");
      if (fromCanopy && el.tagName === "TR" && !explain.hidden) {
        el.scrollIntoView({block: "nearest"});
      }
    }
    const row = rows.find(function (r) { return r.ring === ring && r.group === group; });
    if (row) {
      const symbol = row.element.children[4].textContent;
      pointed.textContent = "Ring " + ring + ", group " + group + " (gores " +
        row.element.children[1].textContent + "): " + row.element.children[3].textContent +
        (symbol ? ", " + symbol : "");
    }
  }

  tableWrap.addEventListener("keydown", function (event) {
    if (!rows.length) return;
    let index = active ? rows.findIndex(function (r) { return r.ring === active[0] && r.group === active[1]; })
      : -1;
    if (event.key === "ArrowDown") index = Math.min(rows.length - 1, index + 1);
    else if (event.key === "ArrowUp") index = Math.max(0, index - 1);
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = rows.length - 1;
    else if (event.key === "Escape") { setActive(null, null, false); return; }
    else return;
    event.preventDefault();
    const row = rows[index];
    setActive(row.ring, row.group, false);
    row.element.scrollIntoView({block: "nearest"});
  });
  tableWrap.addEventListener("focus", function () {
    if (!active && rows.length) setActive(rows[0].ring, rows[0].group, false);
  });
  tableWrap.addEventListener("pointerleave", function () { setActive(null, null, false); });

  explainToggle.addEventListener("click", function () {
    const show = explain.hidden;
    explain.hidden = !show;
    explainToggle.setAttribute("aria-pressed", String(show));
    document.getElementById("stage").classList.toggle("explaining", show);
  });

  // -- downloads and the share link --------------------------------------------------------------

  function setDownloads(body) {
    for (const link of document.querySelectorAll(".download-list a")) {
      const kind = link.dataset.kind;
      let usable = body !== null;
      if (usable && body.worksheet === true && (kind === "svg" || kind === "png")) usable = false;
      if (usable && kind === "png" && !body.png.allowed) usable = false;
      if (usable) {
        link.href = "download/" + kind + "?" + body.query;
        link.removeAttribute("aria-disabled");
        link.tabIndex = 0;
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
    }
    const detail = document.getElementById("png-detail");
    if (!body) {
      detail.textContent = "";
    } else if (body.worksheet === true) {
      detail.textContent = "a worksheet has two pages: take the worksheet PDF";
    } else {
      detail.textContent = body.png.width + " × " + body.png.height + " px at " + body.png.dpi + " dpi" +
        (body.png.allowed ? "" : ": more than the playground draws; lower the dpi or the size");
    }
  }

  document.getElementById("copy-link").addEventListener("click", async function () {
    const status = document.getElementById("copy-status");
    const text = shareLink.value;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = "Link copied.";
    } catch (err) {
      shareLink.focus();
      shareLink.select();
      status.textContent = document.execCommand && document.execCommand("copy") ? "Link copied." :
        "Select the link and copy it.";
    }
  });

  // -- colours: pickers and swatches -------------------------------------------------------------

  function paletteName() {
    const chosen = form.querySelector('input[name="palette"]:checked');
    const annotate = document.getElementById("f-annotate");
    if (chosen && chosen.value && data.palettes[chosen.value]) return chosen.value;
    return annotate && annotate.checked ? "explain" : "perseverance";
  }

  function showPaletteColours() {
    const palette = data.palettes[paletteName()];
    for (const picker of form.querySelectorAll("input[type=color][data-picker-for]")) {
      const text = document.getElementById(picker.dataset.pickerFor);
      const own = text.value.trim();
      if (/^#[0-9a-fA-F]{6}$/.test(own)) picker.value = own.toLowerCase();
      else if (palette[text.dataset.role]) picker.value = palette[text.dataset.role];
    }
  }

  for (const picker of form.querySelectorAll("input[type=color][data-picker-for]")) {
    picker.addEventListener("input", function () {
      document.getElementById(picker.dataset.pickerFor).value = picker.value;
      schedule();
    });
  }

  for (const text of form.querySelectorAll("input[data-text-for]")) {
    text.addEventListener("input", function () {
      if (text.value.trim() !== "") document.getElementById("f-" + text.dataset.textFor).checked = true;
    });
  }

  // -- reading a canopy back ---------------------------------------------------------------------

  const readError = document.getElementById("e-read");
  const readResult = document.getElementById("read-result");

  async function readBack(body, type, what) {
    readError.hidden = true;
    readResult.replaceChildren(cell("p", "Reading " + what + "…"));
    if (body.size !== undefined && body.size > data.limits.upload_bytes) {
      readResult.replaceChildren();
      readError.textContent = "The file is " + (body.size / 1048576).toFixed(1) + " MB, more than the " +
        "playground reads (" + (data.limits.upload_bytes / 1048576) + " MB).";
      readError.hidden = false;
      return;
    }
    const gores = document.getElementById("f-gores").value.trim();
    let response, result;
    try {
      response = await fetch("api/read" + (gores ? "?gores=" + encodeURIComponent(gores) : ""),
        {method: "POST", headers: {"Content-Type": type}, body: body});
      result = await response.json();
    } catch (err) {
      readResult.replaceChildren();
      readError.textContent = "The playground's server does not answer.";
      readError.hidden = false;
      return;
    }
    if (!response.ok) {
      readResult.replaceChildren();
      readError.textContent = result.error || "It could not be read.";
      readError.hidden = false;
      return;
    }
    showReading(result);
    applyReading(result.redraw);
  }

  function showReading(result) {
    const parts = [];
    const list = document.createElement("dl");
    list.className = "read-summary";
    const facts = [["Message", result.message || "(none)"], ["Place", result.coords || "(none)"],
      ["Code", "codec " + result.codec + ", flow " + result.flow + ", " + result.gores + " gores" +
        (result.gores_known ? "" : " (assumed)")]];
    for (const [term, value] of facts) {
      list.appendChild(cell("dt", term));
      list.appendChild(cell("dd", value, term === "Message" ? "read-message" : ""));
    }
    parts.push(list);
    const table = document.createElement("table");
    table.className = "read-rings";
    table.appendChild(cell("caption", "How each ring was read"));
    const head = document.createElement("tr");
    for (const title of ["ring", "kind", "rotation", "starts at group", "text"]) {
      const th = cell("th", title);
      th.scope = "col";
      head.appendChild(th);
    }
    table.appendChild(head);
    for (const ring of result.rings) {
      const tr = document.createElement("tr");
      for (const value of [ring.ring, ring.kind, ring.rotation === null ? "–" : ring.rotation,
        ring.start_group, ring.text]) {
        tr.appendChild(cell("td", String(value)));
      }
      table.appendChild(tr);
    }
    parts.push(table);
    for (const note of result.notes) parts.push(cell("p", note, "note"));
    parts.push(cell("p", "The canopy above is redrawn from what was read.", "note"));
    readResult.replaceChildren(...parts);
  }

  function applyReading(redraw) {
    for (const [name, value] of Object.entries(redraw)) {
      const el = document.getElementById("f-" + name);
      if (!el) continue;
      el.value = value;
    }
    for (const name of ["rings", "spacer"]) {
      if (!(name in redraw)) {
        const el = document.getElementById("f-" + name);
        if (el) el.value = el.dataset.default || "";
      }
    }
    schedule();
  }

  const fileInput = document.getElementById("read-file");
  fileInput.addEventListener("change", function () {
    const file = fileInput.files && fileInput.files[0];
    if (file) readBack(file, file.type || "image/png", file.name);
  });

  const dropZone = document.getElementById("drop-zone");
  dropZone.addEventListener("dragover", function (event) {
    event.preventDefault();
    dropZone.classList.add("over");
  });
  dropZone.addEventListener("dragleave", function () { dropZone.classList.remove("over"); });
  dropZone.addEventListener("drop", function (event) {
    event.preventDefault();
    dropZone.classList.remove("over");
    const file = event.dataTransfer.files && event.dataTransfer.files[0];
    if (file) readBack(file, file.type || "image/png", file.name);
  });

  document.addEventListener("paste", function (event) {
    const items = event.clipboardData ? Array.from(event.clipboardData.files || []) : [];
    const picture = items.find(function (f) { return f.type === "image/png" || f.type === "image/jpeg"; });
    if (picture) {
      event.preventDefault();
      readBack(picture, picture.type, "the pasted picture");
    }
  });

  document.getElementById("read-bits-button").addEventListener("click", function () {
    const text = document.getElementById("read-bits").value;
    readBack(new Blob([text], {type: "text/plain"}), "text/plain", "the bits");
  });

  // -- wiring --------------------------------------------------------------------------------------

  form.addEventListener("input", function (event) {
    if (event.target.closest(".read")) return;
    if (event.target.matches("input[data-colours]") || event.target.name === "palette" ||
        event.target.id === "f-annotate") showPaletteColours();
    schedule();
  });
  form.addEventListener("change", function (event) {
    if (event.target.closest(".read")) return;
    showPaletteColours();
    schedule();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    refresh();
  });

  showPaletteColours();
  refresh();
})();
