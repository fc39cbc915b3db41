using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aithena.Api.Accounts;
using System.Text.RegularExpressions;
using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 5: the web app's search page (server-rendered HTML, all of it) against a catalog of 10,000 indexed
/// documents, measured side by side with the Api's own <c>GET /v1/search</c> that the page calls: the difference is
/// what the web app adds (its HTTP hop to the Api, deserialising, rendering). Every document has a cover, and the page is
/// also measured as a browser without a cache loads it: the HTML, then its cover images, six at a time.
/// </summary>
public sealed partial class WebBenchmark(BenchContext context)
{
    /// <summary>A browser's connections to one server (HTTP/1.1), the most cover images it fetches at once.</summary>
    private const int BrowserConnections = 6;
    private const string CoverFile = ".covers/{id}.png";
    private const string CoverLink = "/documents/{id}/cover";

    public const string Title = "6. Web search page";
    private const int PagesPerDocument = 3;
    private const int WordsPerPage = 80;
    private readonly int _documents = context.Smoke ? 200 : 10_000;
    private readonly int _requests = context.Smoke ? 20 : 300;

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        using var library = new TestLibrary("web");
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-web");
        try
        {
            var vocabulary = Vocabulary(2_000);
            var fill = Stopwatch.StartNew();
            var ids = await FillCatalogAsync(library, vocabulary, cancellationToken);
            var coverBytes = await WriteCoversAsync(library, ids, cancellationToken);
            BenchContext.Log($"web: {_documents} documents and their covers written in {fill.Elapsed.TotalSeconds:F0} s");

            await using var api = await context.StartAsync("Aithena.Api", 1, vhost, library, cancellationToken);
            var apiAddress = api.Processes[0].BaseAddress;
            await using var web = ServiceProcess.Start(context.Options.ServiceDll("Aithena.Web"), new Dictionary<string, string>
            {
                ["Api__BaseAddress"] = apiAddress.ToString(),
                ["Status__Services__0"] = "api",
                ["Access__Anonymous"] = "Full",
            });
            await web.WaitHealthyAsync(TimeSpan.FromSeconds(90), acceptDegraded: true, cancellationToken);

            // Words from common to rare (Zipf-like vocabulary below), each asked of both, interleaved.
            var random = new Random(7);
            var queries = Enumerable.Range(0, _requests).Select(_ => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Pow(random.NextDouble(), 3) * vocabulary.Length)]).ToList();
            foreach (var warm in queries.Take(20))
            {
                await TimeAsync(new Uri(web.BaseAddress, $"/?q={warm}"), cancellationToken);
                await TimeAsync(new Uri(apiAddress, $"/v1/search?q={warm}&pageSize=20"), cancellationToken);
            }

            // A user of the Api (under Access:Anonymous=Full anyone may make one) with a web token and a personal token:
            // the same search with each, interleaved with the anonymous one, says what validating a token costs.
            var (webToken, personalToken) = await TokensAsync(apiAddress, cancellationToken);

            var pageTimes = new List<double>();
            var pageWithCoversTimes = new List<double>();
            var coversPerPage = new List<double>();
            var apiTimes = new List<double>();
            var webTokenTimes = new List<double>();
            var personalTokenTimes = new List<double>();
            long pageBytes = 0;
            foreach (var word in queries)
            {
                var (ms, bytes) = await TimeAsync(new Uri(web.BaseAddress, $"/?q={word}"), cancellationToken);
                pageTimes.Add(ms);
                pageBytes += bytes.LongLength;
                var (withCovers, covers) = await TimeWithCoversAsync(web.BaseAddress, word, cancellationToken);
                pageWithCoversTimes.Add(withCovers);
                coversPerPage.Add(covers);
                var search = new Uri(apiAddress, $"/v1/search?q={word}&pageSize=20");
                apiTimes.Add((await TimeAsync(search, cancellationToken)).Ms);
                webTokenTimes.Add((await TimeAsync(search, cancellationToken, webToken)).Ms);
                personalTokenTimes.Add((await TimeAsync(search, cancellationToken, personalToken)).Ms);
            }

            var tokenCost = Math.Max(Stats.Median(webTokenTimes), Stats.Median(personalTokenTimes)) - Stats.Median(apiTimes);
            context.Targets.Add(new TargetResult("A token adds < 1 ms p50 to a search", $"{Report.Ms(tokenCost)} ms", tokenCost < 1));

            var p50 = Stats.Median(pageTimes);
            context.Targets.Add(new TargetResult($"Search page p50 < 50 ms, {_documents:N0} documents", $"{Report.Ms(p50)} ms", p50 < 50));
            var coversP50 = Stats.Median(pageWithCoversTimes);
            context.Targets.Add(new TargetResult($"Search page with its covers p50 < 50 ms, {_documents:N0} documents", $"{Report.Ms(coversP50)} ms", coversP50 < 50));
            return new Report().Heading(Title).Paragraph(
                $"""
                A catalog of {_documents.ToString("N0", CultureInfo.InvariantCulture)} indexed documents ({PagesPerDocument} pages of {WordsPerPage} words each, drawn from a
                2,000-word vocabulary with a Zipf-like skew), written with `DocumentCatalog.SaveIndexedAsync`; one Api process on it and one
                `Aithena.Web` process calling that Api (Release, `Api__BaseAddress` set, `Access:Anonymous=Full`). {_requests} single-word queries, common to rare,
                each sent sequentially to the web app's search page (`GET /?q=word`: the whole server-rendered page, results, snippets and
                facets included, read to the end) and to the Api's `GET /v1/search?q=word&pageSize=20` that the page calls, interleaved,
                after 20 warm-up pairs; the same Api search also with a signed-in user's web token (a JWT, signature and user record
                checked) and with a personal token (its hash looked up with its user), interleaved. Mean page size {Report.N(pageBytes / 1024.0 / _requests, 1)} KB.
                Every document has a cover (`{CoverFile}` in the library, {Report.N(coverBytes / 1024.0, 1)} KB, drawn once by `{CoverCommand.Tool}` and copied);
                "with its covers" is the page as a browser without a cache loads it, interleaved with the rest: the HTML, then every
                cover image it names (median {Report.N(Stats.Median(coversPerPage))}) through the web app's `{CoverLink}` (which asks the Api), {BrowserConnections} at a time.
                """).Table(["", "p50 ms", "p95 ms", "p99 ms"],
            [
                ["Search page (web app)", Report.Ms(p50), Report.Ms(Stats.Percentile(pageTimes, 95)), Report.Ms(Stats.Percentile(pageTimes, 99))],
                ["Search page with its covers", Report.Ms(coversP50), Report.Ms(Stats.Percentile(pageWithCoversTimes, 95)), Report.Ms(Stats.Percentile(pageWithCoversTimes, 99))],
                ["`GET /v1/search` (Api)", Report.Ms(Stats.Median(apiTimes)), Report.Ms(Stats.Percentile(apiTimes, 95)), Report.Ms(Stats.Percentile(apiTimes, 99))],
                ["Page / Api (p50)", Report.Ratio(p50 / Stats.Median(apiTimes)), "", ""],
                ["`GET /v1/search` with a web token", Report.Ms(Stats.Median(webTokenTimes)), Report.Ms(Stats.Percentile(webTokenTimes, 95)), Report.Ms(Stats.Percentile(webTokenTimes, 99))],
                ["`GET /v1/search` with a personal token", Report.Ms(Stats.Median(personalTokenTimes)), Report.Ms(Stats.Percentile(personalTokenTimes, 95)), Report.Ms(Stats.Percentile(personalTokenTimes, 99))],
            ]);
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the catalog file is deleted with the library
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private async Task<(string WebToken, string PersonalToken)> TokensAsync(Uri api, CancellationToken cancellationToken)
    {
        const string name = "bench-reader", password = "bench-reader-password";
        (await context.Http.PostAsJsonAsync(new Uri(api, "/v1/users"), new CreateUserRequest(name, password, "reader"), cancellationToken)).EnsureSuccessStatusCode();
        using var signIn = await context.Http.PostAsJsonAsync(new Uri(api, "/v1/auth/token"), new SignInRequest(name, password), cancellationToken);
        var web = (await signIn.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<WebToken>(cancellationToken))!.AccessToken;
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "/v1/account/tokens")) { Content = JsonContent.Create(new CreateTokenRequest("bench")) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", web);
        using var created = await context.Http.SendAsync(create, cancellationToken);
        return (web, (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<CreatedToken>(cancellationToken))!.Token);
    }

    /// <summary>The search page and then every cover it shows, <see cref="BrowserConnections"/> at a time, as a browser with an empty cache.</summary>
    private async Task<(double Ms, int Covers)> TimeWithCoversAsync(Uri web, string word, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (_, html) = await TimeAsync(new Uri(web, $"/?q={word}"), cancellationToken);
        var covers = CoverSource().Matches(System.Text.Encoding.UTF8.GetString(html)).Select(m => new Uri(web, System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).Distinct().ToList();
        await Parallel.ForEachAsync(covers, new ParallelOptions { MaxDegreeOfParallelism = BrowserConnections, CancellationToken = cancellationToken },
            async (cover, token) => await TimeAsync(cover, token));
        return (Stats.ElapsedMs(started), covers.Count);
    }

    [GeneratedRegex("<img class=\"cover[^\"]*\" src=\"([^\"]+)\"")]
    private static partial Regex CoverSource();

    private async Task<(double Ms, byte[] Body)> TimeAsync(Uri uri, CancellationToken cancellationToken, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (Stats.ElapsedMs(started), body);
    }

    /// <summary>Indexed documents written straight into the catalog, as the Indexer writes them, without PDFs.</summary>
    private async Task<List<string>> FillCatalogAsync(TestLibrary library, string[] vocabulary, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:catalog"] = library.CatalogConnectionString });
        builder.AddCatalog();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken); // migrates the schema
        var catalog = host.Services.GetRequiredService<IDocumentCatalog>();
        var random = new Random(42);
        string[] categories = ["physics", "history", "poetry", "law", "medicine", "computing"];
        string[] languages = ["en", "es", "de", "fr"];
        var ids = new List<string>(_documents);
        for (var i = 0; i < _documents; i++)
        {
            var path = $"{categories[i % categories.Length]}/Author {i % 300} - Title {i:00000} ({1950 + i % 70}).pdf";
            var pages = Enumerable.Range(0, PagesPerDocument)
                .Select(_ => string.Join(' ', Enumerable.Range(0, WordsPerPage).Select(_ => vocabulary[(int)(Math.Pow(random.NextDouble(), 3) * vocabulary.Length)])))
                .ToList();
            ids.Add(DocumentIds.FromPath(path));
            await catalog.SaveIndexedAsync(new IndexedDocument(ids[^1], path, 10_000, DateTimeOffset.UtcNow, $"hash-{i}",
                new DocumentMetadata($"Title {i:00000}", $"Author {i % 300}", 1950 + i % 70, categories[i % categories.Length], languages[i % languages.Length]),
                pages, DocumentSource.Lister, DateTimeOffset.UtcNow), cancellationToken);
        }

        await host.StopAsync(cancellationToken);
        return ids;
    }

    /// <summary>One real cover, drawn by the Indexer's command from a generated PDF, copied for every document.</summary>
    private static async Task<long> WriteCoversAsync(TestLibrary library, List<string> ids, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(library.LibraryPath, CoverStore.FolderName);
        Directory.CreateDirectory(folder);
        var pdf = library.Write("cover-source.pdf", TestPdf.WithPages("A cover for the benchmark: the first page of a document, with a title", "page two"));
        var prefix = Path.Combine(folder, "source");
        var info = new ProcessStartInfo(CoverCommand.Tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in CoverCommand.Arguments(pdf, prefix))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{CoverCommand.Tool} could not draw the benchmark's cover: {await errors}");
        }

        var source = prefix + ".png";
        foreach (var id in ids)
        {
            File.Copy(source, Path.Combine(folder, id + ".png"));
        }

        var bytes = new FileInfo(source).Length;
        File.Delete(source);
        File.Delete(pdf);
        return bytes;
    }

    /// <summary>Pronounceable made-up words, so the catalog's tokenizer sees words, not numbers.</summary>
    private static string[] Vocabulary(int size)
    {
        string[] syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "an", "vel", "tor", "mus", "gra", "phi", "ul"];
        var random = new Random(3);
        var words = new HashSet<string>();
        while (words.Count < size)
        {
            words.Add(string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => syllables[random.Next(syllables.Length)])));
        }

        return words.ToArray();
    }
}
