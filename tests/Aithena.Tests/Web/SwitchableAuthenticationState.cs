using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Aithena.Tests.Web;

/// <summary>An authentication state a test sets, as the server sets a page's from its request or circuit.</summary>
public sealed class SwitchableAuthenticationState : AuthenticationStateProvider
{
    private ClaimsPrincipal _user = new(new ClaimsIdentity());

    public void Set(ClaimsPrincipal user) => _user = user;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));
}
