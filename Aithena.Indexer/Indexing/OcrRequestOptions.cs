using System.ComponentModel.DataAnnotations;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Bound from <c>Ocr</c>, the section the OCR worker reads too (<c>Ocr__Enabled</c>, ...): whether the Indexer asks for
/// text recognition of a document's pages without a text layer, and of pages whose text layer is garbage.
/// </summary>
public sealed class OcrRequestOptions
{
    public const string SectionName = "Ocr";

    /// <summary>Asks the OCR worker (queue <c>ocr-document</c>) for the pages without text. Off: they are only logged and counted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Also recognise pages whose text layer is mostly not letters (a broken font mapping turns a page into symbols):
    /// pages with some text of which fewer than <see cref="GarbageLetterRatio"/> of the visible characters are letters.
    /// </summary>
    public bool ForceGarbageText { get; set; }

    [Range(0.0, 1.0)]
    public double GarbageLetterRatio { get; set; } = 0.5;

    /// <summary>Whether a page's text is garbage by <see cref="GarbageLetterRatio"/>: letters of any script count, digits and marks do not.</summary>
    public bool IsGarbage(string text)
    {
        int visible = 0, letters = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            visible++;
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return visible > 0 && letters < visible * GarbageLetterRatio;
    }
}
