// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Accounts;

/// <summary><c>POST /v1/auth/token</c>: a user's name and password, exchanged for a <see cref="WebToken"/>.</summary>
public sealed record SignInRequest(string UserName, string Password);
