using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AgentHub.Tests.Brain;

/// <summary>
/// The Brain through its API: sources added answer 202 and are read in the background (notes, files, web pages),
/// search finds their passages with their source and place, only in the caller's workspace; bad input gets a clear
/// answer and stores nothing; a helper's task searches the Brain and cites what it found.
/// </summary>
public sealed class BrainEndpointsTests(ITestOutputHelper output) : BrainTestBase, IAsyncLifetime
{
    private const long MaxFileBytes = 300_000;
    private FakeWebSite _site = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
    {
        ["Brain:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Brain:MaxUncompressedBytes"] = "2000000",
        ["Brain:TrustedHosts:0"] = "127.0.0.1",
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        _site = await FakeWebSite.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _site.DisposeAsync();
    }

    private const string Hours = """
        # Boulangerie Martin

        ## Horaires

        Nous sommes ouverts du mardi au dimanche, de 7 h à 19 h 30. Le café est offert avec chaque croissant le dimanche matin.

        ## Livraison

        We deliver wedding cakes within 30 km of Lyon; orders must be placed two weeks ahead.
        """;

    [Fact]
    public async Task ANote_IsQueued_Read_AndFoundWithItsTitleAndPlace_AccentsAside()
    {
        var added = await AddNoteAsync("Boulangerie", Hours);
        Assert.Equal("queued", (string)added["status"]!);
        Assert.Equal("note", (string)added["kind"]!);

        var ready = await WaitForSourceAsync((string)added["id"]!, "ready");
        Assert.True((int)ready["chunk_count"]! >= 1);

        var results = await SearchAsync("cafe dimanche");
        var best = results[0]!;
        Assert.Equal("Boulangerie", (string)best["title"]!);
        Assert.Contains("café est offert", (string)best["text"]!);
        Assert.Contains("Horaires", (string)best["location"]!);
        Assert.Equal((string)added["id"]!, (string)best["source_id"]!);
        Assert.True((double)best["score"]! > 0);
        Assert.Empty(await SearchAsync("zeppelin"));
    }

    [Fact]
    public async Task Search_NeverReturnsAnotherWorkspacesPassage_EvenWhenTheyShareWords()
    {
        var other = await Factory.CreateUserAsync(Unique("owner@other.test"));
        await WaitForSourceAsync((string)(await AddNoteAsync("Ours", "Our croissant recipe uses Normandy butter."))["id"]!, "ready");
        var theirs = await AddNoteAsync("Theirs", "Their croissant recipe uses margarine and a secret.", other.Client);
        await WaitForSourceAsync((string)theirs["id"]!, "ready", other.Client);

        var mine = await SearchAsync("croissant recipe secret");
        Assert.Single(mine);
        Assert.Equal("Ours", (string)mine[0]!["title"]!);
        Assert.Equal("Theirs", (string)(await SearchAsync("croissant recipe secret", other.Client))[0]!["title"]!);
        await ReadProblemAsync(await Client.GetAsync($"/api/brain/sources/{(string)theirs["id"]!}"), 404);
        await ReadProblemAsync(await Client.DeleteAsync($"/api/brain/sources/{(string)theirs["id"]!}"), 404);
    }

    [Fact]
    public async Task AFile_IsTypedFromItsBytes_NotItsName()
    {
        using var form = FilePart(Encoding.UTF8.GetBytes("Product,Price\nCroissant,1.20\nBaguette tradition,1.30\n"), "prices.pdf");
        var added = await ReadJsonAsync(await Client.PostAsync("/api/brain/sources", form), 202);
        Assert.Equal("prices.pdf", (string)added["title"]!);

        var ready = await WaitForSourceAsync((string)added["id"]!, "ready");
        Assert.Equal("text/csv", (string)ready["media_type"]!);
        var hit = (await SearchAsync("baguette"))[0]!;
        Assert.Contains("Baguette tradition", (string)hit["text"]!);
        Assert.Contains("1.30", (string)hit["text"]!);
    }

    [Fact]
    public async Task AFileUploadedAgain_ReplacesThePassagesOfTheOneOfThatName()
    {
        using var first = FilePart(Encoding.UTF8.GetBytes("# Prices\n\nA croissant costs 1.10 euros."), "prices.md");
        var added = await ReadJsonAsync(await Client.PostAsync("/api/brain/sources", first), 202);
        var id = (string)added["id"]!;
        await WaitForSourceAsync(id, "ready");
        Assert.Contains("1.10", (string)(await SearchAsync("croissant"))[0]!["text"]!);

        using var second = FilePart(Encoding.UTF8.GetBytes("# Prices\n\nA croissant costs 1.20 euros since March."), "prices.md");
        var replaced = await ReadJsonAsync(await Client.PostAsync("/api/brain/sources", second), 202);
        Assert.Equal(id, (string)replaced["id"]!);
        await WaitForSourceAsync(id, "ready");

        var hits = await SearchAsync("croissant");
        Assert.Single(hits);
        Assert.Contains("1.20", (string)hits[0]!["text"]!);
        Assert.Single((await GetJsonAsync("/api/brain/sources"))["sources"]!.AsArray());
    }

    [Fact]
    public async Task AFileOverTheLimit_Is413_AndNothingIsStored()
    {
        using var form = FilePart(new byte[MaxFileBytes + 1], "big.txt");
        var problem = await ReadProblemAsync(await Client.PostAsync("/api/brain/sources", form), 413);
        Assert.Equal(413, (int)problem["status"]!);

        Assert.Empty((await GetJsonAsync("/api/brain/sources"))["sources"]!.AsArray());
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.BrainSourceContents.CountAsync());
    }

    [Fact]
    public async Task AZipBomb_EndsInError_WithAReason_NeverA500()
    {
        // A DOCX is a zip: 3 MB of spaces compress to a few kilobytes, over the 2 MB this host allows unpacked.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var types = archive.CreateEntry("[Content_Types].xml").Open())
            {
                await types.WriteAsync(Encoding.UTF8.GetBytes("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"));
            }

            await using var document = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            await document.WriteAsync(new byte[3_000_000].Select(_ => (byte)' ').ToArray());
        }

        using var form = FilePart(zip.ToArray(), "contract.docx");
        var added = await ReadJsonAsync(await Client.PostAsync("/api/brain/sources", form), 202);

        var failed = await WaitForSourceAsync((string)added["id"]!, "error");
        Assert.Contains("unpacks to more than", (string)failed["error"]!);
        Assert.Equal(0, (int)failed["chunk_count"]!);
    }

    [Fact]
    public async Task BadInput_GetsFieldMessages_AndMembersMayOnlyReadAndSearch()
    {
        var invalid = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = "", text = "x" }), 400);
        Assert.NotNull(invalid["errors"]!["Title"]);
        Assert.NotNull((await ReadProblemAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "poem" }), 400))["errors"]!["kind"]);
        Assert.NotNull((await ReadProblemAsync(await Client.GetAsync("/api/brain/search?q="), 400))["errors"]!["q"]);
        Assert.NotNull((await ReadProblemAsync(await Client.GetAsync("/api/brain/search?q=x&k=99"), 400))["errors"]!["k"]);
        await ReadProblemAsync(await Client.PostAsync("/api/brain/sources", new StringContent("x", Encoding.UTF8, "text/plain")), 415);
        var website = await ReadProblemAsync(await Client.PutAsJsonAsync("/api/brain/profile", new { website = "not a site" }), 400);
        Assert.NotNull(website["errors"]!["Website"]);

        await WaitForSourceAsync((string)(await AddNoteAsync("Hours", Hours))["id"]!, "ready");
        var member = await InviteAsync(Unique("member@acme.test"), "member");
        await ReadProblemAsync(await member.Client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = "t", text = "x" }), 403);
        await ReadProblemAsync(await member.Client.PutAsJsonAsync("/api/brain/profile", new { business_name = "x" }), 403);
        Assert.NotEmpty(await SearchAsync("horaires", member.Client));
        Assert.Single((await ReadJsonAsync(await member.Client.GetAsync("/api/brain/sources"), 200))["sources"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_RemovesEveryPassage_AndResyncingUnchangedContent_KeepsThem()
    {
        var id = (string)(await AddNoteAsync("Hours", Hours))["id"]!;
        var ready = await WaitForSourceAsync(id, "ready");

        var resync = await ReadJsonAsync(await Client.PostAsync($"/api/brain/sources/{id}/resync", null), 202);
        Assert.Equal("queued", (string)resync["status"]!);
        var again = await WaitForSourceAsync(id, "ready");
        Assert.Equal((int)ready["chunk_count"]!, (int)again["chunk_count"]!);
        Assert.NotEmpty(await SearchAsync("livraison"));

        Assert.Equal(204, (int)(await Client.DeleteAsync($"/api/brain/sources/{id}")).StatusCode);
        Assert.Empty(await SearchAsync("livraison"));
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.BrainChunks.CountAsync());
        await ReadProblemAsync(await Client.GetAsync($"/api/brain/sources/{id}"), 404);
    }

    [Fact]
    public async Task AWebPage_AndItsSitemap_AreRead_AnUnchangedPageIsNotReadAgain()
    {
        _site.Page("/about", "<html><head><title>About us</title><script>stealCookies()</script></head><body><h1>About</h1><p>Founded in 1998 by Marie Martin.</p></body></html>");
        _site.Page("/menu", "<html><body><h1>Menu</h1><table><tr><th>Item</th><th>Price</th></tr><tr><td>Eclair</td><td>2.50</td></tr></table></body></html>");
        _site.Page("/sitemap.xml", $"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{_site.Url("/menu")}</loc></url><url><loc>https://elsewhere.example/x</loc></url></urlset>""", "application/xml");

        var added = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "url", url = _site.Url("/about"), include_sitemap = true }), 202);
        var id = (string)added["id"]!;
        var ready = await WaitForSourceAsync(id, "ready");
        Assert.Equal("url", (string)ready["kind"]!);
        Assert.Equal("About us", (string)ready["title"]!); // its <title>, once read

        Assert.Contains("1998", (string)(await SearchAsync("founded"))[0]!["text"]!);
        var eclair = (await SearchAsync("eclair"))[0]!;
        Assert.Contains("2.50", (string)eclair["text"]!);
        Assert.Contains("/menu", (string)eclair["location"]!);
        Assert.Empty(await SearchAsync("stealCookies"));
        Assert.DoesNotContain(_site.Requests, r => r.Contains("elsewhere", StringComparison.Ordinal));

        // Without its sitemap, a page whose ETag still matches is not read again.
        var single = (string)(await ReadJsonAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "url", url = _site.Url("/menu") }), 202))["id"]!;
        Assert.EndsWith("/menu", (string)(await WaitForSourceAsync(single, "ready"))["title"]!); // no <title>: its address
        await ReadJsonAsync(await Client.PostAsync($"/api/brain/sources/{single}/resync", null), 202);
        await WaitForSourceAsync(single, "ready");
        Assert.Equal(1, _site.NotModified);
    }

    [Fact]
    public async Task APrivateAddress_IsRefusedWithAFieldMessage_AndARedirectToOne_EndsInError()
    {
        await using var listener = await LoopbackListener.StartAsync();
        // Not a trusted host: localhost resolves through the test resolver to nothing, and literals are judged before any connection.
        foreach (var url in new[] { "https://10.0.0.7/intranet", "https://169.254.169.254/latest/meta-data", $"http://localhost:{listener.Port}/", "ftp://example.com/x" })
        {
            var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "url", url }), 400);
            Assert.NotNull(problem["errors"]!["url"]);
        }

        Assert.Equal(0, listener.Connections);

        _site.Redirect("/moved", $"https://127.0.0.2:{listener.Port}/secret");
        var added = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "url", url = _site.Url("/moved") }), 202);
        var failed = await WaitForSourceAsync((string)added["id"]!, "error");
        Assert.Contains("127.0.0.2", (string)failed["error"]!);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task AHelpersTask_SearchesTheBrain_GetsThePassage_AndCitesItsSource()
    {
        var note = await AddNoteAsync("Wedding cakes", Hours);
        await WaitForSourceAsync((string)note["id"]!, "ready");
        Model.Responder = turn => turn.ToolResults.Count == 0
            ? ModelReply.Call("brain_search", new { query = "wedding cakes delivery" })
            : ModelReply.Say("We deliver wedding cakes within 30 km of Lyon.\nSources: [1] Wedding cakes, Boulangerie Martin › Livraison");

        var done = await WaitForAsync(await CreateTaskAsync("penn", "Write a line about our wedding cake delivery"), "answered");

        var first = Model.Turns.First();
        Assert.Contains("brain_search", first.ToolNames);
        Assert.Contains("search its Brain with brain_search", (string)first.Messages[0]!["content"]!);
        var result = Model.Turns.Last().ToolResults.Single().Content;
        Assert.Contains("within 30 km of Lyon", result);
        Assert.Contains("[1] Wedding cakes", result);

        var steps = done["steps"]!.AsArray();
        var search = steps.Single(s => (string)s!["kind"]! == "tool_result" && (string?)s["tool"] == "brain_search")!;
        Assert.Contains("Wedding cakes", (string)search["summary"]!);
        var source = Assert.Single(done["sources"]!.AsArray())!;
        Assert.Equal((string)note["id"]!, (string)source["source_id"]!);
        Assert.Equal("Wedding cakes", (string)source["title"]!);
    }

    /// <summary>
    /// Retrieval quality on a small French and English corpus: for each question, is a passage that answers it among
    /// the first five? Lexical search alone must find at least 90 % (hybrid search is not built yet).
    /// </summary>
    [Fact]
    public async Task LexicalSearch_FindsTheAnsweringPassage_InTheFirstFive_ForAtLeast90PercentOfQuestions()
    {
        var (recall, missed) = await EvaluateAsync();
        output.WriteLine($"lexical recall@5 = {recall:0.000} over {BrainEvaluationSet.Questions.Count} questions");
        Assert.True(recall >= 0.9, $"recall@5 {recall:P0}; missed: {string.Join(" | ", missed)}");
    }

    [Fact]
    public async Task TheBusinessProfile_IsSaved_AndGivenToEveryHelper()
    {
        var saved = await ReadJsonAsync(await Client.PutAsJsonAsync("/api/brain/profile", new
        {
            business_name = "Boulangerie Martin",
            offer = "Bread, pastries and wedding cakes",
            voice = "Warm, never pushy",
            words_to_avoid = "cheap",
            website = "https://boulangerie-martin.example",
        }), 200);
        Assert.Equal("Boulangerie Martin", (string)saved["business_name"]!);
        Assert.Equal("Boulangerie Martin", (string)(await GetJsonAsync("/api/brain/profile"))["business_name"]!);

        await WaitForAsync(await CreateTaskAsync("penn", "A slogan"), "answered");
        var system = (string)Model.Turns.First().Messages[0]!["content"]!;
        Assert.Contains("<business-profile>", system);
        Assert.Contains("Name: Boulangerie Martin", system);
        Assert.Contains("Words to avoid: cheap", system);
    }
}
