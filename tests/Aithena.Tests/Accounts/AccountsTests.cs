using System.Net;
using System.Security.Claims;
using Aithena.Api.Accounts;
using Aithena.Api.Documents;
using Aithena.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aithena.Tests.Accounts;

/// <summary>
/// People and roles through the real Api with sign-in required (Access:Anonymous=None): every endpoint answers each kind
/// of caller as the role table says, and taking rights away works at once. Every behaviour runs on both catalog engines
/// (<see cref="SqliteAccountsTests"/>, <see cref="PostgresAccountsTests"/>): the users live in the catalog's database.
/// </summary>
public abstract class AccountsTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private string? _catalog;

    protected ServiceHost Api { get; private set; } = null!;
    protected HttpClient Http => Api.Http;

    /// <summary>The catalog: null for the test system's own SQLite file, else a PostgreSQL connection string.</summary>
    protected abstract Task<string?> CreateCatalogAsync();

    protected abstract Task DeleteCatalogAsync(string catalog);

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _catalog = await CreateCatalogAsync();
        Api = await StartApiAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        if (_catalog is not null)
        {
            await DeleteCatalogAsync(_catalog);
        }
    }

    protected Task<ServiceHost> StartApiAsync(params (string, string?)[] extra) =>
        _system.StartApiAsync(Infrastructure.Accounts.SignInRequired([("ConnectionStrings:catalog", _catalog ?? _system.Library.CatalogConnectionString), .. extra]));

    [Fact]
    public async Task Every_endpoint_answers_each_caller_as_the_role_table_says()
    {
        var admin = (await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        await Http.CreateUserAsync(admin, "libby", "libby-files-books", "librarian");
        var reader = (await Http.SignInAsync("rita", "rita-reads-a-lot")).AccessToken;
        var librarian = (await Http.SignInAsync("libby", "libby-files-books")).AccessToken;
        var revoked = (await Http.CreateTokenAsync(librarian, "laptop")).Token;
        using (var revoke = Infrastructure.Accounts.As(librarian, HttpMethod.Get, "/v1/account/tokens"))
        {
            var listed = await (await Http.SendAsync(revoke, TestContext.Current.CancellationToken)).ReadAsync<List<TokenInfo>>();
            using var delete = Infrastructure.Accounts.As(librarian, HttpMethod.Delete, $"/v1/account/tokens/{Assert.Single(listed).Id}");
            Assert.Equal(HttpStatusCode.NoContent, (await Http.SendAsync(delete, TestContext.Current.CancellationToken)).StatusCode);
        }

        var expired = ExpiredWebToken(Api);
        using var uploaded = await Http.SendAsync(UploadRequest(librarian), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        var document = await uploaded.UploadIdAsync();

        // Endpoint, the least role it needs.
        (string Name, Func<string?, HttpRequestMessage> Request, string Role)[] endpoints =
        [
            ("search", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/v1/search?q=word"), "reader"),
            ("list documents", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/v1/documents"), "reader"),
            ("get document", t => Infrastructure.Accounts.As(t, HttpMethod.Get, $"/v1/documents/{document}"), "reader"),
            ("download", t => Infrastructure.Accounts.As(t, HttpMethod.Get, $"/v1/documents/{document}/file"), "reader"),
            ("similar", t => Infrastructure.Accounts.As(t, HttpMethod.Get, $"/v1/documents/{document}/similar"), "reader"),
            ("upload", UploadRequest, "librarian"),
            ("retry", t => Infrastructure.Accounts.As(t, HttpMethod.Post, $"/v1/documents/{document}/retry"), "librarian"),
            ("remove", t => Infrastructure.Accounts.As(t, HttpMethod.Delete, "/v1/documents/0123456789abcdef0123456789abcdef"), "librarian"),
            ("list users", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/v1/users"), "admin"),
            ("create user", t => Infrastructure.Accounts.As(t, HttpMethod.Post, "/v1/users", new CreateUserRequest($"u{Guid.NewGuid():N}", "a-long-enough-password", "reader")), "admin"),
            ("detailed health", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/health/detail"), "admin"),
            ("own account", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/v1/account"), "signed-in"),
            ("own tokens", t => Infrastructure.Accounts.As(t, HttpMethod.Get, "/v1/account/tokens"), "signed-in"),
        ];
        (string Name, string? Token, string? Role)[] callers =
        [
            ("no credentials", null, null), ("reader", reader, "reader"), ("librarian", librarian, "librarian"), ("admin", admin, "admin"),
            ("revoked personal token", revoked, null), ("expired web token", expired, null),
        ];

        var wrong = new List<string>();
        foreach (var (endpoint, request, needs) in endpoints)
        {
            foreach (var (caller, token, role) in callers)
            {
                using var message = request(token);
                using var response = await Http.SendAsync(message, TestContext.Current.CancellationToken);
                var expected = role is null ? 401 : Allows(role, needs) ? 0 : 403;
                var status = (int)response.StatusCode;
                var ok = expected == 0 ? status is not (401 or 403) and < 500 : status == expected;
                if (!ok)
                {
                    wrong.Add($"{endpoint} as {caller}: {status} (expected {(expected == 0 ? "allowed" : expected)})");
                }
                else if (expected != 0)
                {
                    await response.AssertProblemAsync(expected);
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task A_disabled_users_web_token_and_personal_tokens_stop_working_at_once_and_come_back_when_enabled()
    {
        var admin = (await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        var user = await Http.CreateUserAsync(admin, "dora", "dora-password-1", "reader");
        var web = (await Http.SignInAsync("dora", "dora-password-1")).AccessToken;
        var personal = (await Http.CreateTokenAsync(web, "script")).Token;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(web, "/v1/search?q=x"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(personal, "/v1/search?q=x"));

        await UpdateAsync(admin, user.Id, new UpdateUserRequest(Disabled: true));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(web, "/v1/search?q=x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(personal, "/v1/search?q=x"));
        using (var signIn = await Http.PostAsync("/v1/auth/token", Json(new SignInRequest("dora", "dora-password-1")), TestContext.Current.CancellationToken))
        {
            await signIn.AssertProblemAsync(401);
        }

        await UpdateAsync(admin, user.Id, new UpdateUserRequest(Disabled: false));
        // The personal token is hers again; the web session ended for good (a new sign-in makes a new one).
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(personal, "/v1/search?q=x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(web, "/v1/search?q=x"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync((await Http.SignInAsync("dora", "dora-password-1")).AccessToken, "/v1/search?q=x"));
    }

    [Fact]
    public async Task A_new_role_takes_effect_on_the_next_request_and_ends_the_old_session()
    {
        var admin = (await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        var user = await Http.CreateUserAsync(admin, "pat", "pat-password-1", "reader");
        var personal = (await Http.CreateTokenAsync((await Http.SignInAsync("pat", "pat-password-1")).AccessToken, "ci")).Token;
        using (var refused = await Http.SendAsync(UploadRequest(personal), TestContext.Current.CancellationToken))
        {
            await refused.AssertProblemAsync(403);
        }

        await UpdateAsync(admin, user.Id, new UpdateUserRequest(Role: "librarian"));

        using var accepted = await Http.SendAsync(UploadRequest(personal), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var get = Infrastructure.Accounts.As(personal, HttpMethod.Get, $"/v1/documents/{await accepted.UploadIdAsync()}");
        var document = await (await Http.SendAsync(get, TestContext.Current.CancellationToken)).ReadAsync<DocumentResponse>();
        Assert.Equal("pat", document.UploadedBy);
    }

    [Fact]
    public async Task Sign_in_fails_alike_for_a_wrong_password_and_an_unknown_user_and_locks_out_after_five_failures()
    {
        var admin = (await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await Http.CreateUserAsync(admin, "lou", "lou-password-1", "reader");

        using var unknown = await Http.PostAsync("/v1/auth/token", Json(new SignInRequest("nobody", "whatever-it-is")), TestContext.Current.CancellationToken);
        using var wrong = await Http.PostAsync("/v1/auth/token", Json(new SignInRequest("lou", "not-her-password")), TestContext.Current.CancellationToken);
        Assert.Equal((await unknown.AssertProblemAsync(401)).Detail, (await wrong.AssertProblemAsync(401)).Detail);

        for (var i = 0; i < 4; i++)
        {
            (await Http.PostAsync("/v1/auth/token", Json(new SignInRequest("lou", "not-her-password")), TestContext.Current.CancellationToken)).Dispose();
        }

        using var locked = await Http.PostAsync("/v1/auth/token", Json(new SignInRequest("lou", "lou-password-1")), TestContext.Current.CancellationToken);
        await locked.AssertProblemAsync(401);
        var users = await (await Http.SendAsync(Infrastructure.Accounts.As(admin, HttpMethod.Get, "/v1/users"), TestContext.Current.CancellationToken)).ReadAsync<List<UserResponse>>();
        Assert.True(users.Single(u => u.UserName == "lou").LockedOut);
        Assert.DoesNotContain("lou-password-1", Api.Logs.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(Infrastructure.Accounts.AdminPassword, Api.Logs.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_answers_a_new_one()
    {
        var admin = (await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await Http.CreateUserAsync(admin, "cam", "cam-password-1", "reader");
        var laptop = (await Http.SignInAsync("cam", "cam-password-1")).AccessToken;
        var phone = (await Http.SignInAsync("cam", "cam-password-1")).AccessToken;

        using var change = Infrastructure.Accounts.As(laptop, HttpMethod.Post, "/v1/account/password", new ChangePasswordRequest("cam-password-1", "cam-password-2"));
        using var changed = await Http.SendAsync(change, TestContext.Current.CancellationToken);
        var renewed = await changed.ReadAsync<WebToken>();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(phone, "/v1/account"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(renewed.AccessToken, "/v1/account"));
        await Http.SignInAsync("cam", "cam-password-2");
    }

    [Fact]
    public async Task The_last_enabled_administrator_cannot_be_disabled_or_demoted()
    {
        var admin = await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword);
        var users = await (await Http.SendAsync(Infrastructure.Accounts.As(admin.AccessToken, HttpMethod.Get, "/v1/users"), TestContext.Current.CancellationToken)).ReadAsync<List<UserResponse>>();
        var self = users.Single(u => u.UserName == "admin");

        using var disable = Infrastructure.Accounts.As(admin.AccessToken, HttpMethod.Patch, $"/v1/users/{self.Id}", new UpdateUserRequest(Disabled: true));
        await (await Http.SendAsync(disable, TestContext.Current.CancellationToken)).AssertProblemAsync(409);
        using var demote = Infrastructure.Accounts.As(admin.AccessToken, HttpMethod.Patch, $"/v1/users/{self.Id}", new UpdateUserRequest(Role: "reader"));
        await (await Http.SendAsync(demote, TestContext.Current.CancellationToken)).AssertProblemAsync(409);
    }

    [Fact]
    public async Task A_second_api_on_the_same_catalog_finds_the_first_administrator_and_accepts_the_first_apis_web_tokens()
    {
        var second = await StartApiAsync();
        var token = await Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword);

        using var request = Infrastructure.Accounts.As(token.AccessToken, HttpMethod.Get, "/v1/users");
        var users = await (await second.Http.SendAsync(request, TestContext.Current.CancellationToken)).ReadAsync<List<UserResponse>>();
        Assert.Equal("admin", Assert.Single(users).UserName);
    }

    private static bool Allows(string role, string needs) => needs == "signed-in" || Aithena.ServiceDefaults.Access.Roles.Includes(role, needs);

    private static HttpRequestMessage UploadRequest(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/upload")
        {
            Content = Uploads.Form(TestPdf.WithPages($"word {Guid.NewGuid()}"), $"doc-{Guid.NewGuid():N}.pdf"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>A web token signed with the right key for a real user and stamp, whose lifetime ended an hour ago.</summary>
    private static string ExpiredWebToken(ServiceHost api)
    {
        var key = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Infrastructure.Accounts.TokenKey));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = WebTokenSigningKey.Issuer,
            Audience = WebTokenSigningKey.Audience,
            IssuedAt = now.AddHours(-9),
            NotBefore = now.AddHours(-9),
            Expires = now.AddHours(-1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity([new Claim("sub", "any-user"), new Claim("name", "admin")]),
        });
    }

    private async Task<HttpStatusCode> StatusAsync(string token, string path)
    {
        using var request = Infrastructure.Accounts.As(token, HttpMethod.Get, path);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private async Task UpdateAsync(string admin, string id, UpdateUserRequest change)
    {
        using var request = Infrastructure.Accounts.As(admin, HttpMethod.Patch, $"/v1/users/{id}", change);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static HttpContent Json<T>(T body) => System.Net.Http.Json.JsonContent.Create(body);
}
