namespace Aithena.Tests.Infrastructure;

/// <summary>
/// The web app as a real process in front of a test's Api: Development (its static assets, pdf.js included, served from
/// the build's manifest), the given anonymous access, healthy before it is handed over. The caller disposes it.
/// </summary>
public static class WebApp
{
    public static async Task<ServiceProcess> StartAsync(ServiceHost api, string anonymous, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["services__api__http__0"] = api.BaseAddress.ToString(),
            ["Access__Anonymous"] = anonymous,
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var web = ServiceProcess.Start("Aithena.Web", environment);
        try
        {
            await web.WaitHealthyAsync();
            return web;
        }
        catch
        {
            await web.DisposeAsync();
            throw;
        }
    }
}
