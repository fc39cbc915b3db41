using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Aithena.Web.Accounts;

/// <summary>
/// Who the current page is for: the request's user while a page renders on the server, the circuit's user while an
/// interactive page handles an event (the cookie's principal, given to the circuit when it connected).
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, CircuitServicesAccessor circuit)
{
    public async Task<ClaimsPrincipal?> GetAsync()
    {
        if (circuit.Services?.GetService<AuthenticationStateProvider>() is { } state)
        {
            return (await state.GetAuthenticationStateAsync()).User;
        }

        return http.HttpContext?.User;
    }
}
