namespace Aithena.Api.Security;

/// <summary>Names of the Api's authorization and rate-limit policies.</summary>
public static class AccessPolicies
{
    /// <summary>Authorization: the key holder when <c>Access:ApiKey</c> is set, else anyone.</summary>
    public const string Upload = "upload";

    /// <summary>Authorization: the key holder when <c>Access:ApiKey</c> and <c>Access:ProtectReads</c> are set, else anyone.</summary>
    public const string Read = "read";

    /// <summary>Rate limit: <c>Access:UploadsPerMinute</c> per client (<see cref="ClientPartition"/>).</summary>
    public const string UploadRate = "uploads";
}
