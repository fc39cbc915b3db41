using Aithena.Indexer.Indexing;

namespace Aithena.Tests.Unit;

public sealed class LegacyCyrillicTextTests
{
    [Fact]
    public void Cyrillic_given_as_latin_1_letters_is_read_back_and_ascii_is_kept() =>
        Assert.Equal("Класс ЕСКД\nВячеслав А. Федоров, PsCyr package required. Ёлка ёж",
            LegacyCyrillicText.Repair("Êëàññ ÅÑÊÄ\nÂÿ÷åñëàâ À. Ôåäîðîâ, PsCyr package required. ¨ëêà ¸æ"));

    [Theory]
    [InlineData("Une étude très détaillée du problème, écrite à Genève.")]
    [InlineData("Die Größe der Übersetzung hängt von der Länge ab.")]
    [InlineData("Þetta er íslenskur texti með ýmsum stöfum.")]
    [InlineData("× ÷ 12 + 3")]
    public void Western_text_with_accents_is_left_alone(string text) => Assert.Equal(text, LegacyCyrillicText.Repair(text));
}
