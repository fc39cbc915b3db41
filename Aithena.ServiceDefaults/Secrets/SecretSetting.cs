namespace Aithena.ServiceDefaults.Secrets;

/// <summary>A configuration key whose value must never leave the process in a health report or problem body.</summary>
public sealed record SecretSetting(string Key, SecretKind Kind);
