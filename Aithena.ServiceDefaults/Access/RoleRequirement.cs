using Microsoft.AspNetCore.Authorization;

namespace Aithena.ServiceDefaults.Access;

/// <summary>The caller's role includes <see cref="Role"/>, or anonymous callers are allowed that much.</summary>
public sealed record RoleRequirement(string Role) : IAuthorizationRequirement;
