using AgentHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AgentHub.Tests.Brain;

/// <summary>
/// With an embedding model (the loopback OpenAI-compatible `/v1/embeddings`), passages are embedded when read and
/// search fuses the lexical and the vector rankings: a question in other words than the passage's still finds it.
/// </summary>
public sealed class BrainHybridTests(ITestOutputHelper output) : BrainTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["AI:EmbeddingModel"] = "test-embedding",
    };

    [Fact]
    public async Task AQuestionInOtherWords_FindsThePassage_ByItsMeaning()
    {
        var shipping = await AddNoteAsync("Shipping", "Shipping to Villeurbanne takes one day. Our tariff is 6 euros.");
        await WaitForSourceAsync((string)shipping["id"]!, "ready");
        await WaitForSourceAsync((string)(await AddNoteAsync("Team", "Marie answers the phone; Paul bakes the bread."))["id"]!, "ready");
        await WaitForSourceAsync((string)(await AddNoteAsync("History", "Founded in 1998 in the Croix-Rousse district."))["id"]!, "ready");

        // Every passage was embedded when read: the model was asked for each source's text.
        Assert.Contains(Model.EmbeddingRequests, r => r.Any(t => t.Contains("Villeurbanne", StringComparison.Ordinal)));

        // None of these words is in the passage: only its meaning (delivery, price, time) matches.
        var results = await SearchAsync("delivery cost duration");
        Assert.Equal("Shipping", (string)results[0]!["title"]!);
        Assert.Contains(Model.EmbeddingRequests, r => r.SequenceEqual(["delivery cost duration"]));

        // A word search still wins where the words are there.
        Assert.Equal("History", (string)(await SearchAsync("founded 1998"))[0]!["title"]!);
    }

    /// <summary>The evaluation set with the hybrid ranking, reported beside the lexical one (the fake model's vectors are crude: it must not do worse than 0.9 either).</summary>
    [Fact]
    public async Task HybridSearch_OnTheEvaluationSet_FindsAtLeast90Percent()
    {
        var (recall, missed) = await EvaluateAsync();
        output.WriteLine($"hybrid recall@5 = {recall:0.000} over {BrainEvaluationSet.Questions.Count} questions");
        Assert.True(recall >= 0.9, $"recall@5 {recall:P0}; missed: {string.Join(" | ", missed)}");
    }

    /// <summary>Passages read while the model refused embeddings have no vector: a query is then searched by words, not sent to the model for nothing.</summary>
    [Fact]
    public async Task AWorkspaceWithoutVectors_IsSearchedByWords_WithoutEmbeddingTheQuery()
    {
        Model.EmbeddingsFail = true; // the passages are stored without vectors
        await WaitForSourceAsync((string)(await AddNoteAsync("History", "Founded in 1998 in the Croix-Rousse district."))["id"]!, "ready");
        Model.EmbeddingsFail = false;

        var results = await SearchAsync("founded district");
        Assert.Equal("History", (string)results[0]!["title"]!);
        Assert.DoesNotContain(Model.EmbeddingRequests, r => r.SequenceEqual(["founded district"]));

        // Once a passage has a vector, queries are embedded again.
        await WaitForSourceAsync((string)(await AddNoteAsync("Team", "Marie answers the phone."))["id"]!, "ready");
        await SearchAsync("founded district");
        Assert.Contains(Model.EmbeddingRequests, r => r.SequenceEqual(["founded district"]));
    }

    [Fact]
    public async Task AnEmbeddingModelThatFails_LeavesSearchByWords()
    {
        await WaitForSourceAsync((string)(await AddNoteAsync("History", "Founded in 1998 in the Croix-Rousse district."))["id"]!, "ready");
        Model.EmbeddingsFail = true; // embedding the query fails

        var results = await SearchAsync("founded");
        Assert.Equal("History", (string)results[0]!["title"]!);
    }
}
