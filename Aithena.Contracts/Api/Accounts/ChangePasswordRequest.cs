namespace Aithena.Api.Accounts;

/// <summary><c>POST /v1/account/password</c>: the current password and the new one.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
