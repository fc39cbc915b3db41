using System.ComponentModel.DataAnnotations;

namespace Aithena.Api.Security;

/// <summary>Bound from <c>Access</c> (environment <c>Access__ApiKey</c>, ...). Everything is open and unlimited by default.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>When set, uploads need the header <c>X-Api-Key</c> with this value; without it, 401 and nothing is stored.</summary>
    [MinLength(16, ErrorMessage = "Access:ApiKey must be at least 16 characters long.")]
    public string? ApiKey { get; set; }

    /// <summary>Also require the key to search and read documents (off: reading stays open).</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Uploads one client may make per minute (0, the default, means no limit; the original aithena used 10).</summary>
    [Range(0, 1_000_000)]
    public int UploadsPerMinute { get; set; }
}
