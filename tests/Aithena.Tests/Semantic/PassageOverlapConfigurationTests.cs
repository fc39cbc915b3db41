using Aithena.Semantic.Passages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Semantic;

public sealed class PassageOverlapConfigurationTests
{
    private static IHost Build(string? overlap)
    {
        var builder = Host.CreateApplicationBuilder();
        if (overlap is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Embeddings:PassageOverlapWords", overlap)]);
        }

        builder.AddEmbeddings();
        return builder.Build();
    }

    [Fact]
    public void The_splitter_overlaps_nothing_by_default_and_what_Embeddings_PassageOverlapWords_says_when_set()
    {
        using var unset = Build(null);
        using var set = Build("10");

        Assert.Equal(0, unset.Services.GetRequiredService<PassageSplitter>().OverlapWords);
        Assert.Equal(10, set.Services.GetRequiredService<PassageSplitter>().OverlapWords);
    }

    [Fact]
    public async Task An_overlap_out_of_range_stops_the_service_at_start()
    {
        using var host = Build("500");

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }
}
