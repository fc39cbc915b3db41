using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Catalog;

public static class LibraryOptionsExtensions
{
    /// <summary>Binds <c>Library</c> and stops start-up unless the folder exists.</summary>
    public static OptionsBuilder<LibraryOptions> AddLibraryOptions(this IServiceCollection services) =>
        services.AddOptions<LibraryOptions>()
            .BindConfiguration(LibraryOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Path is null || Directory.Exists(o.Path), "Library:Path does not name an existing folder.")
            .ValidateOnStart();
}
