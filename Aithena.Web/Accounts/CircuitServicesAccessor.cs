namespace Aithena.Web.Accounts;

/// <summary>
/// The services of the interactive circuit whose event is being handled, for code that runs in another DI scope (an
/// HttpClient's message handler): the pattern ASP.NET Core's Blazor documentation gives for reaching circuit services.
/// </summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}
