using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aithena.Api.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Aithena.Tests.Infrastructure;

/// <summary>Reading the services' answers as their own response records, the way a client of the Api would.</summary>
public static class ApiReads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken)
        ?? throw new JsonException($"the answer holds no {typeof(T).Name}");

    /// <summary>GET that must succeed, read as <typeparamref name="T"/>.</summary>
    public static async Task<T> GetAsync<T>(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.ReadAsync<T>();
    }

    /// <summary>Waits until the document's status is one of <paramref name="statuses"/> and returns it.</summary>
    public static Task<DocumentResponse> WaitForStatusAsync(this HttpClient http, string id, TimeSpan timeout, params string[] statuses) =>
        Eventually.Until(
            async () =>
            {
                using var response = await http.GetAsync($"/v1/documents/{id}", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? await response.ReadAsync<DocumentResponse>() : null;
            },
            document => document is not null && statuses.Contains(document.Status),
            timeout,
            $"document {id} to be {string.Join(" or ", statuses)}")!;

    /// <summary>Asserts an RFC 9457 problem answer with this status code.</summary>
    public static async Task<ProblemDetails> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync<ProblemDetails>();
        Assert.Equal(status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        return problem;
    }
}
