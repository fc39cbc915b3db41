using System.Globalization;

namespace Aithena.Web.Components.Shared;

/// <summary>
/// A number from the address, read leniently: Blazor's own binding of <c>int?</c> query parameters throws on
/// <c>?page=abc</c> or a page past <see cref="int.MaxValue"/>, and the page answered 500. An address is typed, pasted
/// and cut short by people, so what is not a number is treated as absent (page 1, no year filter).
/// </summary>
public static class QueryNumber
{
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
