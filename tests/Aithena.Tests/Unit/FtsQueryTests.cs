using Aithena.Catalog;

namespace Aithena.Tests.Unit;

public sealed class FtsQueryTests
{
    [Theory]
    [InlineData("zebra", "\"zebra\"")]
    [InlineData("quantum physics", "\"quantum\" AND \"physics\"")]
    [InlineData("\"quantum physics\"", "\"quantum physics\"")]
    [InlineData("quant*", "\"quant\"*")]
    [InlineData("cats OR dogs", "\"cats\" OR \"dogs\"")]
    [InlineData("cats NOT dogs", "\"cats\" NOT \"dogs\"")]
    [InlineData("cats -dogs", "\"cats\" NOT \"dogs\"")]
    [InlineData("NOT dogs cats", "\"cats\" NOT \"dogs\"")]
    [InlineData("-draft report", "\"report\" NOT \"draft\"")]
    [InlineData("cats -dogs fish", "(\"cats\" AND \"fish\") NOT \"dogs\"")]
    [InlineData("cats OR dogs -fish -birds", "(\"cats\" OR \"dogs\") NOT \"fish\" NOT \"birds\"")]
    [InlineData("report -\"first draft\"", "\"report\" NOT \"first draft\"")]
    [InlineData("well-known", "\"well-known\"")]
    [InlineData("title:foo", "\"title:foo\"")]
    [InlineData("'; DROP TABLE documents; --", "\"DROP\" AND \"TABLE\" AND \"documents;\"")]
    [InlineData("c++ (parens)", "\"c++\" AND \"parens\"")]
    public void Translates_what_a_person_types_into_quoted_fts5_terms(string input, string expected)
    {
        Assert.True(FtsQuery.TryParse(input, out var query, out var error), error);
        Assert.Equal(expected, query);
    }

    [Theory]
    [InlineData("\"", "quote")]
    [InlineData("\"unfinished phrase", "quote")]
    [InlineData("*", "no word")]
    [InlineData("-- ; ' \"\"", "no word")]
    [InlineData("OR AND NOT", "no word")]
    [InlineData("-draft", "no word")]
    [InlineData("NOT draft", "no word")]
    public void Refuses_queries_it_cannot_run_with_a_message_saying_why(string input, string expected)
    {
        Assert.False(FtsQuery.TryParse(input, out _, out var error));
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_queries_longer_than_the_limit() =>
        Assert.False(FtsQuery.TryParse(new string('a', FtsQuery.MaxLength + 1), out _, out _));
}
