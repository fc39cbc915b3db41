namespace Aithena.Api.Accounts;

/// <summary><c>POST /v1/users</c>: a new user's name, first password and role (reader, librarian or admin).</summary>
public sealed record CreateUserRequest(string UserName, string Password, string Role);
