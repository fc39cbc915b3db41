// <aithena-pdf-viewer src="/documents/{id}/file" page="2" query="words" label="...">: the document page's viewer.
// One page at a time on a canvas, with pdf.js's text layer over it (selectable, read by screen readers) in which the
// query's words are marked; next/previous match search the document's own text, so they move to the pages whose
// words the marks would show. A custom element because the page is rendered on the server and Blazor's enhanced
// navigation swaps markup without running scripts: the browser calls connectedCallback whenever the element appears.
// Everything it draws lives in its shadow root, which Blazor's DOM patching never touches; the light DOM keeps the
// server's fallback link, shown only when this module does not run.
// pdf.js itself (about 400 kB) is fetched only when a viewer appears, not with every page of the app.
// A strip of page thumbnails beside the page, drawn only as they scroll into view, leads to any page at a glance.
let pdfjsLoading = null;
function loadPdfJs() {
  pdfjsLoading ??= import("/lib/pdfjs/pdf.min.mjs").then(pdfjs => {
    pdfjs.GlobalWorkerOptions.workerSrc = "/lib/pdfjs/pdf.worker.min.mjs";
    return pdfjs;
  });
  return pdfjsLoading;
}

const Zooms = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
const ThumbnailWidth = 96; // CSS pixels
const NarrowWidth = 640;   // below this the thumbnails start hidden: the page needs the room
// What pdf.js fetches beside the document, all vendored with it (Aithena.Web.csproj, VendorPdfJs): character maps for
// CJK text, the standard fonts for PDFs that do not embed theirs, image decoders for JPEG 2000 and JBIG2 scans.
const Assets = "/lib/pdfjs/";
const DefaultZoom = 2; // index of 1 (100 %)

const template = document.createElement("template");
template.innerHTML = `
<link rel="stylesheet" href="/css/pdf-viewer.css">
<div class="toolbar" role="toolbar" aria-label="PDF viewer">
  <div class="group">
    <button type="button" data-action="thumbnails" data-role="thumbnails-toggle" aria-controls="thumbnails" aria-expanded="true">Pages</button>
  </div>
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
<div class="body">
  <nav class="thumbnails" id="thumbnails" data-role="thumbnails" aria-label="Pages">
    <ol data-role="thumbnail-list"></ol>
  </nav>
  <div class="area" role="region" data-role="area" tabindex="0">
    <div class="page" data-role="page">
      <canvas data-role="canvas" aria-hidden="true"></canvas>
      <div class="textLayer" data-role="text"></div>
    </div>
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
  #thumbnailObserver = null;
  #thumbnailQueue = [];
  #thumbnailDrawing = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.append(template.content.cloneNode(true));
    for (const element of this.#root.querySelectorAll("[data-role]")) {
      this.#parts[element.dataset.role.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())] = element; // page-input: pageInput
    }
    this.#root.addEventListener("click", e => this.#onAction(e)); // the toolbar and the thumbnails
    this.#parts.pageInput.addEventListener("change", () => this.goTo(Number(this.#parts.pageInput.value)));
    this.addEventListener("keydown", e => this.#onKey(e));
  }

  connectedCallback() {
    this.#parts.area.setAttribute("aria-label", this.getAttribute("label") ?? "PDF page");
    if (this.getBoundingClientRect().width < NarrowWidth) this.#showThumbnails(false);
    this.#load();
  }

  disconnectedCallback() {
    this.#thumbnailObserver?.disconnect();
    this.#thumbnailQueue = [];
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
        const loaded = await pdfjs.getDocument({
          url: src,
          isEvalSupported: false,
          cMapUrl: `${Assets}cmaps/`,
          cMapPacked: true,
          standardFontDataUrl: `${Assets}standard_fonts/`,
          wasmUrl: `${Assets}wasm/`,
          iccUrl: `${Assets}iccs/`,
        }).promise;
        if (this.#loadedSrc !== src) { loaded.destroy(); return; }
        this.#document = loaded;
        this.#parts.pageInput.max = String(loaded.numPages);
        this.#parts.pageCount.textContent = `of ${loaded.numPages}`;
        await this.#listThumbnails(loaded);
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
    this.#markThumbnail(target);
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

  /** One button a page, its canvas drawn when it scrolls into view (a long manual would otherwise render every page). */
  async #listThumbnails(pdf) {
    this.#thumbnailObserver?.disconnect();
    this.#thumbnailQueue = [];
    const list = this.#parts.thumbnailList;
    list.replaceChildren();
    // Every placeholder takes page 1's shape, so the strip's scroll length is right before any page is read.
    const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
    const height = Math.round(ThumbnailWidth * first.height / first.width);
    this.#thumbnailObserver = new IntersectionObserver(entries => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.#thumbnailObserver.unobserve(entry.target);
        this.#thumbnailQueue.push(entry.target);
      }
      this.#drawThumbnails(pdf);
    }, { root: this.#parts.thumbnails, rootMargin: "200px 0px" });
    const items = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.action = "thumbnail";
      button.dataset.page = String(number);
      button.setAttribute("aria-label", `Page ${number}`);
      const canvas = document.createElement("canvas");
      canvas.setAttribute("aria-hidden", "true");
      canvas.style.width = `${ThumbnailWidth}px`;
      canvas.style.height = `${height}px`;
      const caption = document.createElement("span");
      caption.textContent = String(number);
      caption.setAttribute("aria-hidden", "true");
      button.append(canvas, caption);
      item.append(button);
      items.push(item);
      this.#thumbnailObserver.observe(button);
    }
    list.append(...items);
  }

  /** Draws the queued thumbnails one at a time, so they never hold up the page being read. */
  async #drawThumbnails(pdf) {
    if (this.#thumbnailDrawing) return;
    this.#thumbnailDrawing = true;
    try {
      while (this.#thumbnailQueue.length > 0 && this.#document === pdf) {
        const button = this.#thumbnailQueue.shift();
        const page = await pdf.getPage(Number(button.dataset.page));
        const unscaled = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: ThumbnailWidth / unscaled.width });
        const canvas = button.querySelector("canvas");
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        await page.render({
          canvasContext: canvas.getContext("2d"),
          canvas,
          viewport,
          transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
        }).promise;
        button.dataset.drawn = "true";
      }
    } catch (error) {
      if (error?.name !== "RenderingCancelledException") console.warn("A page thumbnail could not be drawn", error);
    } finally {
      this.#thumbnailDrawing = false;
    }
  }

  #markThumbnail(number) {
    const list = this.#parts.thumbnailList;
    list.querySelector("[aria-current]")?.removeAttribute("aria-current");
    const button = list.querySelector(`button[data-page="${number}"]`);
    if (!button) return;
    button.setAttribute("aria-current", "page");
    if (!this.#parts.thumbnails.hidden) button.scrollIntoView({ block: "nearest" });
  }

  #showThumbnails(show) {
    this.#parts.thumbnails.hidden = !show;
    this.#parts.thumbnailsToggle.setAttribute("aria-expanded", String(show));
    if (show) this.#root.querySelector("button[aria-current]")?.scrollIntoView({ block: "nearest" });
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
    const button = event.target.closest("button[data-action]");
    switch (button?.dataset.action) {
      case "thumbnails": this.#showThumbnails(this.#parts.thumbnails.hidden); break;
      case "thumbnail": this.goTo(Number(button.dataset.page)); break;
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
