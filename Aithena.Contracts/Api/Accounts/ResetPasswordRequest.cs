namespace Aithena.Api.Accounts;

/// <summary><c>POST /v1/users/{id}/password</c>: the password an admin sets for a user (every session of theirs ends).</summary>
public sealed record ResetPasswordRequest(string Password);
