using System.Globalization;
using Aithena.Web.Api;

namespace Aithena.Web.Upload;

/// <summary>What a person reads when the Api refuses a file: the cause, and what to do about it.</summary>
public static class UploadMessages
{
    public static string For(UploadAnswer answer) => answer.StatusCode switch
    {
        413 => $"Too large. {answer.Detail}".TrimEnd(),
        415 => $"Not a PDF. {answer.Detail}".TrimEnd(),
        429 => $"Too many uploads in a short time. {Wait(answer.RetryAfter, "Try again")}",
        502 => $"The message queue did not confirm the upload, so nothing was stored. {Wait(answer.RetryAfter, "Try again")}",
        401 => "Your session has ended; sign in again.",
        403 => "Your role does not allow uploads; a librarian or an admin can upload.",
        _ => answer.Detail ?? answer.Title ?? $"Refused (HTTP {answer.StatusCode}).",
    };

    public static string TooLarge(long maxFileSize) =>
        $"Too large. The library takes files up to {FormatSize(maxFileSize)}.";

    public static string Unreachable => "The Aithena Api cannot be reached right now; nothing was stored. Try again in a moment.";

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static string Wait(TimeSpan? retryAfter, string action) => retryAfter is { } wait
        ? $"{action} in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s."
        : $"{action} in a moment.";
}
