namespace Aithena.Semantic.Passages;

/// <summary>The documents whose passages changed after a version, in version order.</summary>
/// <param name="Version">The highest version read: ask for changes after it next time.</param>
public sealed record PassageChanges(IReadOnlyList<DocumentVectors> Documents, long Version);
