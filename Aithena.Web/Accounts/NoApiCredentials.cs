namespace Aithena.Web.Accounts;

/// <summary>Sends nothing: for a client used without a signed-in user (component tests).</summary>
public sealed class NoApiCredentials : IApiCredentials
{
    public static NoApiCredentials Instance { get; } = new();

    public Task ApplyAsync(HttpRequestMessage request) => Task.CompletedTask;
}
