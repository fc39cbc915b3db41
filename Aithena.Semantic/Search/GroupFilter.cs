using Aithena.Catalog;

namespace Aithena.Semantic.Search;

/// <summary>
/// Collections and tags in a search by meaning: the documents the filter allows, asked of the catalog before the vectors
/// are searched (so the nearest passages are taken among them, not cut from the library's top ones), and the facets of
/// the fused candidates, counted from their memberships as the keyword search counts its matches'.
/// </summary>
internal static class GroupFilter
{
    private const int FacetSize = 20;

    /// <summary>The documents in every group the request names; null when it names none.</summary>
    public static async Task<IReadOnlySet<string>?> AllowedAsync(IDocumentGroups? groups, SearchRequest request, CancellationToken cancellationToken)
    {
        string[] named = [.. new[] { request.Collection, request.Tag }.OfType<string>()];
        if (named.Length == 0)
        {
            return null;
        }

        return groups is null ? new HashSet<string>() : await groups.DocumentsInAllAsync(named, cancellationToken);
    }

    /// <summary>The collection and tag facets of these documents: group id, count, and the group's name as the label.</summary>
    public static async Task<(IReadOnlyList<FacetValue> Collections, IReadOnlyList<FacetValue> Tags)> FacetsAsync(
        IDocumentGroups? groups, IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken)
    {
        if (groups is null || documentIds.Count == 0)
        {
            return ([], []);
        }

        var memberships = await groups.MembershipsAsync(documentIds, cancellationToken);
        return (Facet(memberships, GroupKind.Collection), Facet(memberships, GroupKind.Tag));
    }

    private static List<FacetValue> Facet(IReadOnlyList<GroupMembership> memberships, GroupKind kind) =>
        memberships.Where(m => m.Kind == kind)
            .GroupBy(m => m.GroupId, StringComparer.Ordinal)
            .Select(g => new FacetValue(g.Key, g.Count(), g.First().Name))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.OrdinalIgnoreCase)
            .Take(FacetSize)
            .ToList();
}
