using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aithena.Api.Accounts;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// Signing in and managing users through the Api, as the web app and scripts do; and the settings of an Api whose
/// callers must sign in (a fixed token key, the first administrator's password).
/// </summary>
public static class Accounts
{
    public const string TokenKey = "the-web-token-signing-key-for-tests-0123456789abcdef";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>Sign-in required: what the AppHost sets by default.</summary>
    public static (string, string?)[] SignInRequired(params (string, string?)[] extra) =>
        [("Access:Anonymous", "None"), ("Access:TokenKey", TokenKey), ("Access:AdminPassword", AdminPassword), .. extra];

    public static async Task<WebToken> SignInAsync(this HttpClient http, string userName, string password)
    {
        using var response = await http.PostAsJsonAsync("/v1/auth/token", new SignInRequest(userName, password), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<WebToken>();
    }

    public static async Task<UserResponse> CreateUserAsync(this HttpClient http, string adminToken, string userName, string password, string role)
    {
        using var request = As(adminToken, HttpMethod.Post, "/v1/users", new CreateUserRequest(userName, password, role));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"creating {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<UserResponse>();
    }

    public static async Task<CreatedToken> CreateTokenAsync(this HttpClient http, string token, string name)
    {
        using var request = As(token, HttpMethod.Post, "/v1/account/tokens", new CreateTokenRequest(name));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"creating token {name} answered {(int)response.StatusCode}");
        return await response.ReadAsync<CreatedToken>();
    }

    /// <summary>GET as the bearer of <paramref name="token"/>, which must succeed, read as <typeparamref name="T"/>.</summary>
    public static async Task<T> GetWithAsync<T>(this HttpClient http, string token, string path)
    {
        using var request = As(token, HttpMethod.Get, path);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<T>();
    }

    /// <summary>Waits, as the bearer of <paramref name="token"/>, until the document is indexed.</summary>
    public static Task WaitForStatusWithAsync(this HttpClient http, string token, string id) =>
        Eventually.Until(
            async () =>
            {
                using var response = await http.SendAsync(As(token, HttpMethod.Get, $"/v1/documents/{id}"), TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? await response.ReadAsync<Aithena.Api.Documents.DocumentResponse>() : null;
            },
            document => document is { Status: "indexed" },
            TimeSpan.FromSeconds(90),
            $"document {id} to be indexed");

    /// <summary>A request carrying <paramref name="token"/> (a web token or a personal one) as its bearer.</summary>
    public static HttpRequestMessage As(string? token, HttpMethod method, string path, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json, json.GetType());
        }

        return request;
    }
}
