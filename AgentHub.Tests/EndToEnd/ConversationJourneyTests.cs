using AgentHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Talking with a helper in a real browser, the model a loopback fake that streams its answer a word per chunk and
/// holds the rest behind a gate the test opens: part of the answer is on the page while the turn still runs, and a
/// browser closed mid-answer loses nothing (the turn goes on in the server; reopening shows it whole).
/// </summary>
public sealed class ConversationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Answer = "Fresh bread every morning, baked by hand in Lyon since 1998.";

    private async Task<string> StartAsync(IPage page, string email, string message)
    {
        await fixture.RegisterAsync(page, email);
        await page.GotoAsync($"{fixture.App.BaseUrl}/agents/penn/conversations");
        await page.Locator("[data-testid=new-conversation]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/conversations/"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=chat-delete]")).ToBeVisibleAsync(); // the new conversation is shown
        await page.Locator("[data-testid=chat-input]").FillAsync(message);
        await page.Locator("[data-testid=chat-send]").ClickAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    [Fact]
    public async Task PartOfTheAnswer_IsOnThePage_BeforeTheTurnEnds()
    {
        fixture.Model.Reset();
        fixture.Model.Responder = _ => ModelReply.Say(Answer);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Model.GateAfterChunks = 4; // the role chunk and three words, then the model "thinks"
        fixture.Model.StreamGate = gate;
        await Journey(nameof(PartOfTheAnswer_IsOnThePage_BeforeTheTurnEnds), async page =>
        {
            await StartAsync(page, "stream1@e2e.test", "A tagline for the bakery");

            var streaming = page.Locator("[data-testid=chat-streaming]");
            await Assertions.Expect(streaming).ToContainTextAsync("Fresh bread every", new() { Timeout = 15_000 });
            // The model has not finished (its stream waits on the gate): the turn is still running, with no final answer.
            Assert.False(gate.Task.IsCompleted);
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveCountAsync(0);
            Assert.DoesNotContain("since 1998", await streaming.InnerTextAsync());

            gate.SetResult();
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveTextAsync(Answer, new() { Timeout = 15_000 });
            await Assertions.Expect(streaming).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task ABrowserClosedMidAnswer_ThenTheConversationReopened_ShowsTheWholeTurn()
    {
        fixture.Model.Reset();
        fixture.Model.Responder = _ => ModelReply.Say(Answer);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Model.GateAfterChunks = 3;
        fixture.Model.StreamGate = gate;
        string path;
        var first = await fixture.Browser.NewContextAsync();
        try
        {
            var page = await first.NewPageAsync();
            path = await StartAsync(page, "stream2@e2e.test", "A tagline for the bakery");
            await Assertions.Expect(page.Locator("[data-testid=chat-streaming]")).ToContainTextAsync("Fresh bread", new() { Timeout = 15_000 });
            Assert.StartsWith("/agents/penn/conversations/", path, StringComparison.Ordinal);
        }
        finally
        {
            // The whole browser context goes away mid-answer: its circuit's connection is cut.
            await first.CloseAsync();
        }

        gate.SetResult();
        await Journey(nameof(ABrowserClosedMidAnswer_ThenTheConversationReopened_ShowsTheWholeTurn), async page =>
        {
            await fixture.SignInAsync(page, "stream2@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}{path}");
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveTextAsync(Answer, new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=chat-turn]")).ToHaveCountAsync(1);
        });
        // One model request: the turn was neither abandoned nor run again.
        Assert.Single(fixture.Model.Turns);
    }

    [Fact]
    public async Task AConversation_WithAHandOff_AnApprovalDecidedInPlace_AndAFollowUp() =>
        await Journey(nameof(AConversation_WithAHandOff_AnApprovalDecidedInPlace_AndAFollowUp), async page =>
        {
            fixture.Model.Reset();
            fixture.Model.Responder = turn =>
            {
                if (((string)turn.Messages[0]!["content"]!).StartsWith("You are Penn", StringComparison.Ordinal))
                {
                    return ModelReply.Say("Acme bakes sourdough in Lyon.");
                }

                if ((string)turn.Messages.Last(m => (string?)m!["role"] == "user")!["content"]! == "Shorter, please")
                {
                    return ModelReply.Say("Jeanne is in HubSpot.");
                }

                return turn.CalledTools.Count switch
                {
                    0 => ModelReply.Call("ask_penn", new { question = "One line about Acme for a CRM note" }),
                    1 => ModelReply.Call("hubspot_create_contact", new { first_name = "Jeanne", last_name = "Martin", email = "jeanne@acme.test", company = "Acme" }),
                    _ => ModelReply.Say("Jeanne Martin is in HubSpot, with Penn's line about Acme."),
                };
            };
            await fixture.RegisterAsync(page, "stream3@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/integrations");
            await page.Locator("[data-testid=integration-card-hubspot] [data-testid=action-configure]").ClickAsync();
            await page.Locator("#field-access_token").FillAsync(FakeProviders.Get("hubspot").Valid["access_token"]);
            await page.Locator("[data-testid=dialog-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=dialog-outcome]")).ToHaveAttributeAsync("data-reason", "ok", new() { Timeout = 15_000 });
            await page.Locator("[data-testid=dialog-done]").ClickAsync();
            var sentBefore = fixture.Providers.RequestsFor("hubspot").Count(r => r.Method == "POST");

            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/buddy/conversations");
            await page.Locator("[data-testid=new-conversation]").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/conversations/"), new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=chat-delete]")).ToBeVisibleAsync();
            await page.Locator("[data-testid=chat-input]").FillAsync("Add Jeanne Martin from Acme to the CRM");
            await page.Locator("[data-testid=chat-send]").ClickAsync();

            // Buddy asked Penn (folded, with Penn's answer), then his write waits for approval, in place.
            var handOff = page.Locator("[data-testid=chat-handoff]");
            await Assertions.Expect(handOff).ToContainTextAsync("Buddy asked Penn", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=chat-turn] [data-testid=approval]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.Equal(sentBefore, fixture.Providers.RequestsFor("hubspot").Count(r => r.Method == "POST"));
            await handOff.Locator("summary").ClickAsync();
            await Assertions.Expect(handOff).ToContainTextAsync("Acme bakes sourdough in Lyon.");

            await page.Locator("[data-testid=chat-turn] [data-testid=approve]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveTextAsync("Jeanne Martin is in HubSpot, with Penn's line about Acme.", new() { Timeout = 15_000 });
            Assert.Equal(sentBefore + 1, fixture.Providers.RequestsFor("hubspot").Count(r => r.Method == "POST"));

            // A follow-up: its model request holds the first turn.
            await page.Locator("[data-testid=chat-input]").FillAsync("Shorter, please");
            await page.Locator("[data-testid=chat-send]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=chat-result]").Nth(1)).ToHaveTextAsync("Jeanne is in HubSpot.", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=chat-turn]")).ToHaveCountAsync(2);
            var followUp = fixture.Model.Turns.Last();
            var said = followUp.Messages.Select(m => m!["content"] is System.Text.Json.Nodes.JsonValue v ? (string?)v : null).ToList();
            Assert.Contains("Add Jeanne Martin from Acme to the CRM", said);
            Assert.Contains("Jeanne Martin is in HubSpot, with Penn's line about Acme.", said);
            Assert.Equal("Shorter, please", said[^1]);
        });

    [Fact]
    public async Task TheAgentPage_IsTheHelpersHome_AFirstMessageStartsAConversation_AndTheNewestOneOpensThere() =>
        await Journey(nameof(TheAgentPage_IsTheHelpersHome_AFirstMessageStartsAConversation_AndTheNewestOneOpensThere), async page =>
        {
            fixture.Model.Reset();
            fixture.Model.Responder = _ => ModelReply.Say("Three subject lines for the spring newsletter.");
            await fixture.RegisterAsync(page, "home@e2e.test");
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/emmie");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Emmie");
            await Assertions.Expect(page.Locator("aside.chat-side")).ToContainTextAsync("Mailchimp");
            await Assertions.Expect(page.Locator("[data-testid=chat-turn]")).ToHaveCountAsync(0);

            // Writing on the home starts a conversation.
            await page.Locator("[data-testid=chat-input]").FillAsync("Subject lines for the spring newsletter");
            await page.Locator("[data-testid=chat-send]").ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/agents/emmie/conversations/"), new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveTextAsync("Three subject lines for the spring newsletter.", new() { Timeout = 15_000 });

            // Back on the home: the newest conversation is in the centre, marked in the list.
            await page.GotoAsync($"{fixture.App.BaseUrl}/agents/emmie");
            await Assertions.Expect(page.Locator("[data-testid=chat-result]")).ToHaveTextAsync("Three subject lines for the spring newsletter.", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-testid=conversation-link][aria-current=page]")).ToHaveCountAsync(1);

            // The integrations and tasks page is one link away.
            await page.Locator("[data-testid=agent-integrations-link]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=integration-card-mailchimp]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        });

    private async Task Journey(string name, Func<IPage, Task> journey)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"FAILED-{name}.png"), FullPage = true });
            throw;
        }
    }
}
