namespace Aithena.Api.Accounts;

/// <summary>Who did what to accounts: structured events an operator can search and alert on. Never a password or a token.</summary>
public static partial class AccountsLog
{
    [LoggerMessage(EventId = 3001, EventName = "SignedIn", Level = LogLevel.Information, Message = "User {UserName} signed in")]
    public static partial void SignedIn(ILogger logger, string userName);

    [LoggerMessage(EventId = 3002, EventName = "SignInRefused", Level = LogLevel.Warning, Message = "Sign-in refused for {UserName}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string userName, string reason);

    [LoggerMessage(EventId = 3003, EventName = "UserCreated", Level = LogLevel.Information, Message = "User {UserName} created with role {Role} by {Actor}")]
    public static partial void UserCreated(ILogger logger, string userName, string role, string actor);

    [LoggerMessage(EventId = 3004, EventName = "RoleChanged", Level = LogLevel.Information, Message = "User {UserName}'s role changed from {OldRole} to {Role} by {Actor}")]
    public static partial void RoleChanged(ILogger logger, string userName, string oldRole, string role, string actor);

    [LoggerMessage(EventId = 3005, EventName = "UserDisabled", Level = LogLevel.Information, Message = "User {UserName} {Change} by {Actor}")]
    public static partial void DisabledChanged(ILogger logger, string userName, string change, string actor);

    [LoggerMessage(EventId = 3006, EventName = "PasswordReset", Level = LogLevel.Information, Message = "User {UserName}'s password reset by {Actor}")]
    public static partial void PasswordReset(ILogger logger, string userName, string actor);

    [LoggerMessage(EventId = 3007, EventName = "PasswordChanged", Level = LogLevel.Information, Message = "User {UserName} changed their password")]
    public static partial void PasswordChanged(ILogger logger, string userName);

    [LoggerMessage(EventId = 3008, EventName = "TokenCreated", Level = LogLevel.Information, Message = "Personal token {TokenId} ({TokenName}) created for {UserName}")]
    public static partial void TokenCreated(ILogger logger, string tokenId, string tokenName, string userName);

    [LoggerMessage(EventId = 3009, EventName = "TokenRevoked", Level = LogLevel.Information, Message = "Personal token {TokenId} of {UserName} revoked by {Actor}")]
    public static partial void TokenRevoked(ILogger logger, string tokenId, string userName, string actor);

    [LoggerMessage(EventId = 3010, EventName = "FirstAdministratorCreated", Level = LogLevel.Information, Message = "No administrator existed: created the user {UserName} with the configured password")]
    public static partial void FirstAdministratorCreated(ILogger logger, string userName);

    [LoggerMessage(EventId = 3011, EventName = "NoAdministrator", Level = LogLevel.Warning, Message = "No administrator exists and Access:AdminPassword is not set: nobody can manage users until one is created")]
    public static partial void NoAdministrator(ILogger logger);
}
