using Aithena.Catalog;
using Aithena.Lister.Scanning;

namespace Microsoft.Extensions.Hosting;

public static class ListerServiceExtensions
{
    /// <summary>The Lister's wiring: library and scan options, the catalog, the bus (send only) and the scan loop.</summary>
    public static IHostApplicationBuilder AddLister(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLibraryOptions();
        services.AddOptions<ListerOptions>().BindConfiguration(ListerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.AddCatalog();
        builder.AddAithenaBus();

        services.AddSingleton<LibraryScanner>();
        services.AddSingleton<LibrarySync>();
        services.AddSingleton<ScanStatus>();
        services.AddHostedService<ScanWorker>();
        services.AddHealthChecks().AddCheck<ScanHealthCheck>("library-scan", tags: ["ready"]);
        return builder;
    }
}
