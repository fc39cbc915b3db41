using System.ComponentModel.DataAnnotations;

namespace Aithena.Web.Api;

/// <summary>Where the Api is: a service-discovery address (<c>https+http://api</c> under Aspire) or a plain URL.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    [Required]
    public Uri BaseAddress { get; set; } = new("https+http://api");
}
