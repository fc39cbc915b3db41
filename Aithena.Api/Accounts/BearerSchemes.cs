namespace Aithena.Api.Accounts;

public static class BearerSchemes
{
    /// <summary>The default scheme: forwards a personal token (<c>ait_...</c>) to its handler and anything else to JwtBearer.</summary>
    public const string Selector = "PersonalOrWebToken";
}
