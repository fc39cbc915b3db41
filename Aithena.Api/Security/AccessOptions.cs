using System.ComponentModel.DataAnnotations;
using Aithena.ServiceDefaults.Access;

namespace Aithena.Api.Security;

/// <summary>Bound from <c>Access</c> (environment <c>Access__Anonymous</c>, <c>Access__TokenKey</c>, ...).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>What callers without credentials may do; <see cref="AnonymousAccess.None"/> unless configured.</summary>
    public AnonymousAccess Anonymous { get; set; }

    /// <summary>
    /// The key that signs the web app's user tokens (HMAC-SHA256), the same on every Api replica, at least 32
    /// characters. Required unless <see cref="Anonymous"/> is Full, where a key made at start-up serves this process.
    /// </summary>
    [MinLength(32, ErrorMessage = "Access:TokenKey must be at least 32 characters long.")]
    public string? TokenKey { get; set; }

    /// <summary>How long a signed-in session's token lasts (the web app's cookie lasts as long).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Access:WebTokenLifetime must be between 1 minute and 7 days.")]
    public TimeSpan WebTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The first administrator's password: the user <c>admin</c> is created with it when no administrator exists.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Uploads one caller may make per minute (0, the default, means no limit; the original aithena used 10).</summary>
    [Range(0, 1_000_000)]
    public int UploadsPerMinute { get; set; }
}
