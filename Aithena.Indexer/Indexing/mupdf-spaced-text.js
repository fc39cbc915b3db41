// Run by the Indexer with MuPDF's `mutool run` for documents mostly written right to left (MuPdfTextExtractor): each
// page's text, ended by a form feed line as `mutool draw -F txt` ends it, with a space wherever two letters of a line
// stand apart. MuPDF 1.21 infers no space between right-to-left glyphs, and XeLaTeX's Arabic has no space glyphs, so
// `draw` ran a line's words together; here the gap between two glyphs, wider than a tenth of the font size, is a space
// (measured on the corpus's 51 mostly Arabic and Persian documents: a median 83 % of pdftotext's vocabulary, against 60 %).
// Arguments: the PDF's path, the first and the last page to read (from 1).
var pdf = new Document(scriptArgs[0]);
var first = parseInt(scriptArgs[1], 10);
var last = parseInt(scriptArgs[2], 10);

for (var number = first; number <= last; number++) {
    var text = [];
    var previous = null;
    pdf.loadPage(number - 1).toStructuredText("preserve-whitespace").walk({
        beginLine: function () {
            previous = null;
        },
        onChar: function (c, origin, font, size, quad) {
            // The quad's corners: upper left, upper right, lower left, lower right.
            var left = Math.min(quad[0], quad[4]);
            var right = Math.max(quad[2], quad[6]);
            if (previous !== null && c !== " " && !previous.space) {
                // Glyphs may be drawn left to right or right to left: the gap is on whichever side the new one stands.
                var gap = Math.max(left - previous.right, previous.left - right);
                if (gap > size * 0.1) {
                    text.push(" ");
                }
            }

            text.push(c);
            previous = { left: left, right: right, space: c === " " };
        },
        endLine: function () {
            text.push("\n");
        },
        endTextBlock: function () {
            text.push("\n");
        },
    });
    print(text.join(""));
    print("\f");
}
