using AgentHub.Core.Brain;

namespace AgentHub.Tests.Brain;

/// <summary>
/// Chunks cut at a document's structure: headings start them and name where they are, pages are kept, a long passage
/// is cut at its sentences within the target and each chunk repeats the end of the one before; counts are exact.
/// </summary>
public sealed class BrainChunkerTests
{
    [Fact]
    public void Headings_StartChunks_AndNameTheirPath()
    {
        var document = Document(
            new BrainBlock(BrainBlockKind.Heading, "Pricing", Level: 1),
            new BrainBlock(BrainBlockKind.Paragraph, "Our prices are fair."),
            new BrainBlock(BrainBlockKind.Heading, "Plans", Level: 2),
            new BrainBlock(BrainBlockKind.Paragraph, "The monthly plan costs ten euros."),
            new BrainBlock(BrainBlockKind.Heading, "Contact", Level: 1),
            new BrainBlock(BrainBlockKind.Paragraph, "Call us at the shop."));

        var chunks = BrainChunker.Chunk(document);

        Assert.Equal(["Pricing", "Pricing › Plans", "Contact"], chunks.Select(c => c.Location));
        Assert.Equal("Plans\n\nThe monthly plan costs ten euros.", chunks[1].Text);
        Assert.DoesNotContain("Call us", chunks[1].Text);
        AssertWellFormed(chunks);
    }

    [Fact]
    public void HeadingsWithNothingBetween_StayInOneChunk_WithTheDeepestPath()
    {
        var document = Document(
            new BrainBlock(BrainBlockKind.Heading, "Pricing", Level: 1),
            new BrainBlock(BrainBlockKind.Heading, "Plans", Level: 2),
            new BrainBlock(BrainBlockKind.Paragraph, "The monthly plan costs ten euros."));

        var chunk = Assert.Single(BrainChunker.Chunk(document));

        Assert.Equal("Pricing\n\nPlans\n\nThe monthly plan costs ten euros.", chunk.Text);
        Assert.Equal("Pricing › Plans", chunk.Location);
    }

    [Fact]
    public void Pages_AreNamedInTheLocation_BeforeTheHeadings()
    {
        var document = Document(
            new BrainBlock(BrainBlockKind.Paragraph, "Welcome to the bakery.", Page: 1),
            new BrainBlock(BrainBlockKind.Heading, "Pricing", Page: 2, Level: 1),
            new BrainBlock(BrainBlockKind.Paragraph, "Croissants cost 1.20 euros.", Page: 2));

        var chunks = BrainChunker.Chunk(document);

        Assert.Equal(["p. 1", "p. 2 · Pricing"], chunks.Select(c => c.Location));
    }

    [Fact]
    public void ALongParagraph_IsCutAtSentences_WithinTheTarget_AndChunksOverlap()
    {
        var sentences = Enumerable.Range(1, 200).Select(i => $"Sentence {i} tells how the bakery kneads its dough before dawn.").ToList();
        var paragraph = string.Join(" ", sentences);
        Assert.InRange(BrainTokens.Count(paragraph), 2000, 5000);

        var document = Document(new BrainBlock(BrainBlockKind.Paragraph, paragraph));

        var chunks = BrainChunker.Chunk(document, targetTokens: 400, overlapTokens: 60);

        Assert.InRange(chunks.Count, 5, 16);
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 400 + 20));
        Assert.All(sentences, s => Assert.Contains(chunks, c => c.Text.Contains(s, StringComparison.Ordinal)));
        for (var i = 1; i < chunks.Count; i++)
        {
            // Each chunk starts with whole sentences from the end of the one before (every sentence is numbered, so unique).
            var first = chunks[i].Text[..(chunks[i].Text.IndexOf('.', StringComparison.Ordinal) + 1)];
            Assert.StartsWith("Sentence ", first);
            Assert.Contains(first, chunks[i - 1].Text);
            Assert.DoesNotContain(first, chunks[i - 1].Text[..(chunks[i - 1].Text.Length / 2)]);
        }

        AssertWellFormed(chunks);
    }

    [Fact]
    public void ATextWithoutSentences_IsCutAtTokens()
    {
        var words = string.Join(" ", Enumerable.Repeat("croissant", 1500));

        var chunks = BrainChunker.Chunk(Document(new BrainBlock(BrainBlockKind.Paragraph, words)), targetTokens: 400, overlapTokens: 60);

        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(c.Tokens, 1, 400 + 5)); // a cut word may count one token more on its own
        Assert.Equal(Squeeze(words), string.Concat(chunks.Select(c => Squeeze(c.Text)))); // nothing lost, nothing repeated
    }

    [Fact]
    public void TableRows_AreNeverCut()
    {
        var rows = Enumerable.Range(1, 60)
            .Select(i => $"Product: Loaf number {i} | Price: {i}.50 euros | Weight: {i * 100} grams | Baked: every morning before dawn")
            .ToList();
        var document = Document([.. rows.Select(r => new BrainBlock(BrainBlockKind.TableRow, r))]);

        var chunks = BrainChunker.Chunk(document, targetTokens: 100, overlapTokens: 20);

        Assert.True(chunks.Count > 10, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.All(c.Text.Split("\n\n"), line => Assert.Contains(line, rows)));
        Assert.All(rows, r => Assert.Contains(chunks, c => c.Text.Split("\n\n").Contains(r)));
        AssertWellFormed(chunks);
    }

    [Fact]
    public void AnEmptyDocument_HasNoChunk()
    {
        Assert.Empty(BrainChunker.Chunk(Document()));
        Assert.Empty(BrainChunker.Chunk(Document(new BrainBlock(BrainBlockKind.Paragraph, "  \n "))));
    }

    [Fact]
    public void Tokens_AreCountedAndTruncated_AsTheModelsCount()
    {
        const string text = "The bakery opens at seven every morning, and closes at noon on Sundays.";

        var count = BrainTokens.Count(text);
        var start = BrainTokens.Truncate(text, 5);

        Assert.InRange(count, 10, 30);
        Assert.Equal(0, BrainTokens.Count(""));
        Assert.Equal(5, BrainTokens.Count(start));
        Assert.StartsWith(start, text);
        Assert.True(start.Length < text.Length);
        Assert.Equal(text, BrainTokens.Truncate(text, 1000));
    }

    private static BrainDocument Document(params BrainBlock[] blocks) => new("text/plain", null, blocks);

    private static string Squeeze(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>Ordinals are 0, 1, … and each chunk's count is its text's.</summary>
    private static void AssertWellFormed(IReadOnlyList<BrainChunkDraft> chunks)
    {
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
        Assert.All(chunks, c => Assert.Equal(BrainTokens.Count(c.Text), c.Tokens));
        Assert.All(chunks, c => Assert.Equal(c.Text.Trim(), c.Text));
    }
}
