// <aithena-pdf-viewer src="/documents/{id}/file" page="2" query="words" label="...">: the document page's viewer.
// One page at a time on a canvas, with pdf.js's text layer over it (selectable, read by screen readers) in which the
// query's words are marked; next/previous match search the document's own text, so they move to the pages whose
// words the marks would show. A custom element because the page is rendered on the server and Blazor's enhanced
// navigation swaps markup without running scripts: the browser calls connectedCallback whenever the element appears.
// Everything it draws lives in its shadow root, which Blazor's DOM patching never touches; the light DOM keeps the
// server's fallback link, shown only when this module does not run.
// pdf.js itself (about 400 kB) is fetched only when a viewer appears, not with every page of the app.
let pdfjsLoading = null;
function loadPdfJs() {
  pdfjsLoading ??= import("/lib/pdfjs/pdf.min.mjs").then(pdfjs => {
    pdfjs.GlobalWorkerOptions.workerSrc = "/lib/pdfjs/pdf.worker.min.mjs";
    return pdfjs;
  });
  return pdfjsLoading;
}

const Zooms = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const DefaultZoom = 2; // index of 1 (100 %)

const template = document.createElement("template");
template.innerHTML = `
<link rel="stylesheet" href="/css/pdf-viewer.css">
<div class="toolbar" role="toolbar" aria-label="PDF viewer">
  <div class="group">
    <button type="button" data-action="previous-page" aria-keyshortcuts="ArrowLeft PageUp">Previous page</button>
    <label class="page-field">Page <input type="number" min="1" inputmode="numeric" data-role="page-input"></label>
    <span data-role="page-count">of …</span>
    <button type="button" data-action="next-page" aria-keyshortcuts="ArrowRight PageDown">Next page</button>
  </div>
  <div class="group" data-role="match-group">
    <button type="button" data-action="previous-match">Previous match</button>
    <button type="button" data-action="next-match">Next match</button>
  </div>
  <div class="group">
    <button type="button" data-action="zoom-out" aria-label="Zoom out" aria-keyshortcuts="-">−</button>
    <output data-role="zoom" aria-label="Zoom">100%</output>
    <button type="button" data-action="zoom-in" aria-label="Zoom in" aria-keyshortcuts="+">+</button>
  </div>
</div>
<p class="status" role="status" data-role="status">Loading the PDF…</p>
<div class="area" role="region" data-role="area" tabindex="0">
  <div class="page" data-role="page">
    <canvas data-role="canvas" aria-hidden="true"></canvas>
    <div class="textLayer" data-role="text"></div>
  </div>
</div>`;

/** The words of a query in the catalog's syntax that a page can show: no operators, no excluded words. */
export function queryTerms(query) {
  const terms = [];
  const tokens = (query ?? "").replace(/[()"]/g, " ").split(/\s+/).filter(t => t.length > 0);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === "OR" || token === "AND") continue;
    if (token === "NOT") { i++; continue; }
    if (token.startsWith("-")) continue;
    const word = token.replace(/\*+$/, "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (word.length > 0 && !terms.includes(word.toLowerCase())) terms.push(word.toLowerCase());
  }
  return terms;
}

/** Words that begin with a term: the catalog stems and takes prefixes, so "index" also finds "indexed". */
function termPattern(terms) {
  if (terms.length === 0) return null;
  const escaped = terms.map(t => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu");
}

class PdfViewer extends HTMLElement {
  static observedAttributes = ["src", "page", "query"];

  #root;
  #parts = {};
  #document = null;
  #loadedSrc = null;
  #pageNumber = 1;
  #zoom = DefaultZoom;
  #pattern = null;
  #pageHasMatch = new Map();
  #renderTask = null;
  #textLayer = null;
  #drawing = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.append(template.content.cloneNode(true));
    for (const element of this.#root.querySelectorAll("[data-role]")) {
      this.#parts[element.dataset.role.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())] = element; // page-input: pageInput
    }
    this.#root.querySelector(".toolbar").addEventListener("click", e => this.#onAction(e));
    this.#parts.pageInput.addEventListener("change", () => this.goTo(Number(this.#parts.pageInput.value)));
    this.addEventListener("keydown", e => this.#onKey(e));
  }

  connectedCallback() {
    this.#parts.area.setAttribute("aria-label", this.getAttribute("label") ?? "PDF page");
    this.#load();
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after && this.isConnected) this.#load();
  }

  /** The page shown (1-based), for scripts and tests. */
  get pageNumber() { return this.#pageNumber; }

  async #load() {
    const src = this.getAttribute("src");
    this.#pattern = termPattern(queryTerms(this.getAttribute("query")));
    this.#parts.matchGroup.hidden = this.#pattern === null;
    this.#pageHasMatch.clear();
    const asked = Number.parseInt(this.getAttribute("page") ?? "1", 10);
    try {
      if (src !== this.#loadedSrc) {
        this.#loadedSrc = src;
        const previous = this.#document;
        this.#document = null;
        previous?.destroy();
        // The file comes through the web app (with range requests), never from elsewhere.
        const pdfjs = await loadPdfJs();
        const loaded = await pdfjs.getDocument({ url: src, isEvalSupported: false }).promise;
        if (this.#loadedSrc !== src) { loaded.destroy(); return; }
        this.#document = loaded;
        this.#parts.pageInput.max = String(loaded.numPages);
        this.#parts.pageCount.textContent = `of ${loaded.numPages}`;
      }
      await this.goTo(Number.isFinite(asked) ? asked : 1);
    } catch (error) {
      this.#say(`The PDF could not be shown (${error?.message ?? error}). Use the download link instead.`);
      this.setAttribute("data-state", "failed");
    }
  }

  /** Shows page <paramref name="number"/> (clamped to the document) with the query's words marked on it. */
  async goTo(number) {
    const document = this.#document;
    if (!document) return;
    const target = Math.min(Math.max(1, Math.trunc(number) || 1), document.numPages);
    this.#pageNumber = target;
    this.#parts.pageInput.value = String(target);
    this.#root.querySelector("[data-action=previous-page]").disabled = target <= 1;
    this.#root.querySelector("[data-action=next-page]").disabled = target >= document.numPages;
    const marks = await this.#draw(target);
    if (marks === null) return; // overtaken by a later request
    this.#rememberPage(target);
    const matchText = this.#pattern === null ? "" : marks === 0 ? ", no match on this page" : marks === 1 ? ", 1 match on this page" : `, ${marks} matches on this page`;
    this.#say(`Page ${target} of ${document.numPages}${matchText}.`);
    this.setAttribute("data-state", "ready");
    this.dispatchEvent(new CustomEvent("pagerendered", { detail: { page: target, marks } }));
  }

  async #draw(number) {
    const ticket = ++this.#drawing;
    this.setAttribute("data-state", "rendering");
    this.#renderTask?.cancel();
    this.#textLayer?.cancel();
    const page = await this.#document.getPage(number);
    if (ticket !== this.#drawing) return null;
    const scale = Zooms[this.#zoom];
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    const { canvas, text, page: pageBox } = this.#parts;
    pageBox.style.setProperty("--total-scale-factor", String(scale));
    pageBox.style.width = `${Math.floor(viewport.width)}px`;
    pageBox.style.height = `${Math.floor(viewport.height)}px`;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    this.#renderTask = page.render({
      canvasContext: canvas.getContext("2d"),
      canvas,
      viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    });
    text.replaceChildren();
    const content = await page.getTextContent();
    if (ticket !== this.#drawing) return null;
    this.#textLayer = new (await loadPdfJs()).TextLayer({ textContentSource: content, container: text, viewport });
    try {
      await Promise.all([this.#renderTask.promise, this.#textLayer.render()]);
    } catch (error) {
      if (error?.name === "RenderingCancelledException" || ticket !== this.#drawing) return null;
      throw error;
    }

    if (ticket !== this.#drawing) return null;
    this.#pageHasMatch.set(number, this.#textMatches(content));
    return this.#mark(this.#textLayer.textDivs);
  }

  /** Wraps each word of the query in the text layer's spans in a mark; returns how many. */
  #mark(spans) {
    if (this.#pattern === null) return 0;
    let count = 0;
    for (const span of spans) {
      const value = span.textContent ?? "";
      this.#pattern.lastIndex = 0;
      const matches = [...value.matchAll(this.#pattern)];
      if (matches.length === 0) continue;
      const pieces = [];
      let at = 0;
      for (const match of matches) {
        if (match.index > at) pieces.push(value.slice(at, match.index));
        const mark = document.createElement("mark");
        mark.className = "highlight";
        mark.textContent = match[0];
        pieces.push(mark);
        at = match.index + match[0].length;
        count++;
      }
      if (at < value.length) pieces.push(value.slice(at));
      span.replaceChildren(...pieces);
    }
    this.#root.querySelector("mark.highlight")?.scrollIntoView({ block: "nearest" });
    return count;
  }

  /** Whether a page's text holds one of the query's words, read once per page. */
  async #hasMatch(number) {
    if (!this.#pageHasMatch.has(number)) {
      const page = await this.#document.getPage(number);
      this.#pageHasMatch.set(number, this.#textMatches(await page.getTextContent()));
    }
    return this.#pageHasMatch.get(number);
  }

  #textMatches(content) {
    if (this.#pattern === null) return false;
    this.#pattern.lastIndex = 0;
    const found = this.#pattern.test(content.items.map(i => i.str ?? "").join(" "));
    this.#pattern.lastIndex = 0;
    return found;
  }

  async #findMatch(direction) {
    if (!this.#document || this.#pattern === null) return;
    const last = this.#document.numPages;
    this.#say(direction > 0 ? "Looking for the next match…" : "Looking for the previous match…");
    for (let number = this.#pageNumber + direction; number >= 1 && number <= last; number += direction) {
      if (await this.#hasMatch(number)) {
        await this.goTo(number);
        return;
      }
    }
    this.#say(direction > 0 ? `No match after page ${this.#pageNumber}.` : `No match before page ${this.#pageNumber}.`);
  }

  async #setZoom(index) {
    this.#zoom = Math.min(Math.max(0, index), Zooms.length - 1);
    this.#parts.zoom.textContent = `${Math.round(Zooms[this.#zoom] * 100)}%`;
    this.#root.querySelector("[data-action=zoom-out]").disabled = this.#zoom === 0;
    this.#root.querySelector("[data-action=zoom-in]").disabled = this.#zoom === Zooms.length - 1;
    await this.goTo(this.#pageNumber);
  }

  /** Keeps the address in step, so a reload or a shared link opens the same page. */
  #rememberPage(number) {
    const url = new URL(window.location.href);
    if (url.searchParams.get("page") === String(number)) return;
    url.searchParams.set("page", String(number));
    history.replaceState(history.state, "", url);
  }

  #say(text) { this.#parts.status.textContent = text; }

  #onAction(event) {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    switch (action) {
      case "previous-page": this.goTo(this.#pageNumber - 1); break;
      case "next-page": this.goTo(this.#pageNumber + 1); break;
      case "previous-match": this.#findMatch(-1); break;
      case "next-match": this.#findMatch(1); break;
      case "zoom-out": this.#setZoom(this.#zoom - 1); break;
      case "zoom-in": this.#setZoom(this.#zoom + 1); break;
    }
  }

  #onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const inField = event.composedPath()[0]?.tagName === "INPUT";
    switch (event.key) {
      case "ArrowLeft": if (inField) return; // the caret moves in the page field
      // falls through
      case "PageUp": this.goTo(this.#pageNumber - 1); break;
      case "ArrowRight": if (inField) return;
      // falls through
      case "PageDown": this.goTo(this.#pageNumber + 1); break;
      case "Home": if (inField) return; this.goTo(1); break;
      case "End": if (inField) return; this.goTo(this.#document?.numPages ?? 1); break;
      case "+": case "=": if (inField) return; this.#setZoom(this.#zoom + 1); break;
      case "-": if (inField) return; this.#setZoom(this.#zoom - 1); break;
      default: return;
    }
    event.preventDefault();
  }
}

if (!customElements.get("aithena-pdf-viewer")) customElements.define("aithena-pdf-viewer", PdfViewer);
