using Aithena.Api.Documents;
using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Collections;

/// <summary>
/// Collections (<c>/v1/collections</c>) and tags (<c>/v1/tags</c>): every reader lists them and their documents; a
/// librarian creates, renames and deletes them and puts documents in them or takes them out. Both kinds answer alike;
/// an id of the other kind is not found here.
/// </summary>
public static class CollectionsApi
{
    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        MapKind(app, "/v1/collections", GroupKind.Collection, "Collections");
        MapKind(app, "/v1/tags", GroupKind.Tag, "Tags");
        app.MapGroup("/v1/documents").WithTags("Collections").RequireAuthorization(AccessPolicies.Reader)
            .MapGet("/{id}/collections", OfDocumentAsync).WithName("DocumentCollections")
            .WithSummary("The collections and tags a document is in.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static void MapKind(IEndpointRouteBuilder app, string prefix, GroupKind kind, string tag)
    {
        var noun = DocumentGroupNames.Noun(kind);
        var api = app.MapGroup(prefix).WithTags(tag).RequireAuthorization(AccessPolicies.Reader);
        api.MapGet("/", (IDocumentGroups groups, CancellationToken ct) => ListAsync(kind, groups, ct))
            .WithName($"List{tag}").WithSummary($"Every {noun}, by name, with how many documents it holds.");
        api.MapGet("/{id}", ([AsParameters] CollectionRoute route, IDocumentGroups groups, CancellationToken ct) => GetAsync(kind, route, groups, ct))
            .WithName($"Get{tag}").WithSummary($"One {noun}.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/documents", ([AsParameters] CollectionDocumentsQuery query, IDocumentGroups groups, CancellationToken ct) =>
                ListDocumentsAsync(kind, query, groups, ct))
            .WithName($"List{tag}Documents").WithSummary($"The documents in a {noun}, by title, paged, optionally of one status.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var changes = api.MapGroup("").RequireAuthorization(AccessPolicies.Librarian)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        changes.MapPost("/", (CollectionRequest? body, IDocumentGroups groups, CancellationToken ct) => CreateAsync(kind, prefix, body, groups, ct))
            .WithName($"Create{tag}").WithSummary($"Creates a {noun} (librarians).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPut("/{id}", ([AsParameters] CollectionRoute route, CollectionRequest? body, IDocumentGroups groups, CancellationToken ct) =>
                UpdateAsync(kind, route, body, groups, ct))
            .WithName($"Update{tag}").WithSummary($"Renames a {noun} and replaces its description (librarians).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapDelete("/{id}", ([AsParameters] CollectionRoute route, IDocumentGroups groups, CancellationToken ct) => DeleteAsync(kind, route, groups, ct))
            .WithName($"Delete{tag}").WithSummary($"Deletes a {noun}; its documents stay in the library (librarians).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPut("/{id}/documents/{documentId}", ([AsParameters] CollectionDocumentRoute route, IDocumentGroups groups, CancellationToken ct) =>
                AddDocumentAsync(kind, route, groups, ct))
            .WithName($"Add{tag}Document").WithSummary($"Puts a document in a {noun}; doing it again changes nothing (librarians).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapDelete("/{id}/documents/{documentId}", ([AsParameters] CollectionDocumentRoute route, IDocumentGroups groups, CancellationToken ct) =>
                RemoveDocumentAsync(kind, route, groups, ct))
            .WithName($"Remove{tag}Document").WithSummary($"Takes a document out of a {noun} (librarians).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<List<CollectionResponse>>> ListAsync(GroupKind kind, IDocumentGroups groups, CancellationToken cancellationToken) =>
        TypedResults.Ok((await groups.ListAsync(kind, cancellationToken)).Select(ToResponse).ToList());

    public static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> GetAsync(
        GroupKind kind, CollectionRoute route, IDocumentGroups groups, CancellationToken cancellationToken) =>
        await FindAsync(kind, route.Id, groups, cancellationToken) is { } group ? TypedResults.Ok(ToResponse(group)) : Unknown(kind, route.Id);

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListDocumentsAsync(
        GroupKind kind, CollectionDocumentsQuery query, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (query.Status is not null && !DocumentStatus.IsKnown(query.Status))
        {
            return Problems.BadRequest($"Unknown status '{query.Status}'. Use one of: {string.Join(", ", DocumentStatus.All)}.");
        }

        if (Paging.Validate(query.Page, query.PageSize) is { } error)
        {
            return Problems.BadRequest(error);
        }

        if (await FindAsync(kind, query.Id, groups, cancellationToken) is null)
        {
            return Unknown(kind, query.Id);
        }

        var (page, size) = Paging.Resolve(query.Page, query.PageSize);
        var (items, total) = await groups.ListDocumentsAsync(query.Id, query.Status, page, size, cancellationToken);
        return TypedResults.Ok(new DocumentPage(total, page, size, items.Select(d => d.ToResponse()).ToList()));
    }

    public static async Task<Results<Created<CollectionResponse>, ProblemHttpResult>> CreateAsync(
        GroupKind kind, string prefix, CollectionRequest? body, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Problems.BadRequest($"Send the {DocumentGroupNames.Noun(kind)} as JSON: {{\"name\": \"...\", \"description\": \"...\"}}.");
        }

        return await groups.CreateAsync(kind, body.Name, body.Description, cancellationToken) switch
        {
            GroupOutcome.Saved(var group) => TypedResults.Created($"{prefix}/{group.Id}", ToResponse(group)),
            var other => Problem(other),
        };
    }

    public static async Task<Results<Ok<CollectionResponse>, ProblemHttpResult>> UpdateAsync(
        GroupKind kind, CollectionRoute route, CollectionRequest? body, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, route.Id, groups, cancellationToken) is null)
        {
            return Unknown(kind, route.Id);
        }

        if (body is null)
        {
            return Problems.BadRequest($"Send the {DocumentGroupNames.Noun(kind)} as JSON: {{\"name\": \"...\", \"description\": \"...\"}}.");
        }

        return await groups.UpdateAsync(route.Id, body.Name, body.Description, cancellationToken) switch
        {
            GroupOutcome.Saved(var group) => TypedResults.Ok(ToResponse(group)),
            var other => Problem(other),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        GroupKind kind, CollectionRoute route, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, route.Id, groups, cancellationToken) is null)
        {
            return Unknown(kind, route.Id);
        }

        return await groups.DeleteAsync(route.Id, cancellationToken) is GroupOutcome.Done ? TypedResults.NoContent() : Unknown(kind, route.Id);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddDocumentAsync(
        GroupKind kind, CollectionDocumentRoute route, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, route.Id, groups, cancellationToken) is null)
        {
            return Unknown(kind, route.Id);
        }

        if (!DocumentIds.IsValid(route.DocumentId))
        {
            return Problems.NotFound($"No document '{route.DocumentId}' in the library.");
        }

        return await groups.AddDocumentAsync(route.Id, route.DocumentId, cancellationToken) switch
        {
            GroupOutcome.Done => TypedResults.NoContent(),
            var other => Problem(other),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveDocumentAsync(
        GroupKind kind, CollectionDocumentRoute route, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, route.Id, groups, cancellationToken) is null)
        {
            return Unknown(kind, route.Id);
        }

        return await groups.RemoveDocumentAsync(route.Id, route.DocumentId, cancellationToken) switch
        {
            GroupOutcome.Done => TypedResults.NoContent(),
            var other => Problem(other),
        };
    }

    public static async Task<Results<Ok<DocumentCollections>, ProblemHttpResult>> OfDocumentAsync(
        string id, IDocumentCatalog catalog, IDocumentGroups groups, CancellationToken cancellationToken)
    {
        if (!DocumentIds.IsValid(id) || await catalog.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"No document '{id}'.");
        }

        var memberships = await groups.MembershipsAsync([id], cancellationToken);
        List<CollectionLink> Of(GroupKind kind) => memberships.Where(m => m.Kind == kind).Select(m => new CollectionLink(m.GroupId, m.Name)).ToList();
        return TypedResults.Ok(new DocumentCollections(id, Of(GroupKind.Collection), Of(GroupKind.Tag)));
    }

    /// <summary>The group, when it exists and is of the kind this address serves.</summary>
    private static async Task<DocumentGroup?> FindAsync(GroupKind kind, string id, IDocumentGroups groups, CancellationToken cancellationToken) =>
        await groups.FindAsync(id, cancellationToken) is { } group && group.Kind == kind ? group : null;

    private static CollectionResponse ToResponse(DocumentGroup group) =>
        new(group.Id, DocumentGroupNames.Noun(group.Kind), group.Name, group.Description, group.Documents, group.CreatedAt);

    private static ProblemHttpResult Unknown(GroupKind kind, string id) => Problems.NotFound($"No {DocumentGroupNames.Noun(kind)} '{id}'.");

    private static ProblemHttpResult Problem(GroupOutcome outcome) => outcome switch
    {
        GroupOutcome.Invalid(var detail) => Problems.BadRequest(detail),
        GroupOutcome.NameTaken(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Name taken"),
        GroupOutcome.NotFound(var detail) => Problems.NotFound(detail),
        _ => throw new System.Diagnostics.UnreachableException($"Unexpected outcome {outcome}."),
    };
}
