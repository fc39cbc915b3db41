// Run by the Indexer with MuPDF's `mutool run` before it draws a PDF's text (MuPdfTextExtractor): whether the PDF is
// locked, how many pages its page tree really holds, its title and author, as one line of JSON on standard output.
// The pages are counted by walking the tree, each node once and no deeper than the limit given: a tree's /Count may
// claim millions of pages it does not have, and a tree may list itself.
// Arguments: the PDF's path, the deepest nesting of the page tree to follow.
var pdf = new Document(scriptArgs[0]);
var maxDepth = parseInt(scriptArgs[1], 10);

function leaves(node, depth, seen) {
    if (depth > maxDepth) {
        return 0;
    }

    if (node.isIndirect()) {
        var number = node.asIndirect();
        if (seen[number]) {
            return 0;
        }

        seen[number] = true;
    }

    // A missing key reads as undefined; a node without kids is a page, unless it is an empty branch.
    var kids = node.get("Kids");
    if (!kids || !kids.isArray()) {
        return String(node.get("Type")) == "/Pages" ? 0 : 1;
    }

    var count = 0;
    for (var i = 0; i < kids.length; i++) {
        count += leaves(kids.get(i), depth + 1, seen);
    }

    return count;
}

if (pdf.needsPassword()) {
    print(JSON.stringify({ locked: true, pages: 0, claimed: 0, title: "", author: "" }));
} else {
    var catalog = pdf.getTrailer().get("Root");
    var root = catalog ? catalog.get("Pages") : undefined;
    print(JSON.stringify({
        locked: false,
        pages: root ? leaves(root, 0, {}) : 0,
        claimed: pdf.countPages(),
        title: pdf.getMetaData("info:Title") || "",
        author: pdf.getMetaData("info:Author") || "",
    }));
}
