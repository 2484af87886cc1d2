using System.Globalization;
using AgentHub.Core.Connections;
using AgentHub.Core.Conversations;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Core;

/// <summary>The task runner with a scripted model: which tools it offers, how it splits reads from writes, its budgets.</summary>
public sealed class TaskRunnerTests : IAsyncLifetime
{
    private readonly ScriptedChatClient _model = new();

    // Every budget, lease and wait of the runner runs on this clock, which moves only when a test moves it: a busy
    // machine cannot use up a task's running time.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeProviderServer _providers = null!;
    private AgentHubFactory _factory = null!;
    private WorkspaceActor _owner = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviderServer.StartAsync();
        _factory = new AgentHubFactory(_providers, new Dictionary<string, string?>
        {
            ["Tasks:MaxDuration"] = "00:00:01.500",
            ["Tasks:PollInterval"] = "00:00:00.100",
        }, services: s =>
        {
            s.RemoveAll<IChatClientSource>();
            s.AddSingleton<IChatClientSource>(_model);
            s.AddSingleton<TimeProvider>(_clock);
        });
        _owner = await _factory.CreateOwnerActorAsync("owner@runner.test");
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _providers.DisposeAsync();
    }

    private TaskService Tasks => _factory.Services.GetRequiredService<TaskService>();

    private async Task ConnectAsync(string agent, string providerId)
    {
        var integrations = _factory.Services.GetRequiredService<IntegrationService>();
        await integrations.ConfigureAsync(_owner, agent, providerId, FakeProviders.Get(providerId).Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        Assert.Equal(ConnectionStatus.Connected, (await _factory.Services.GetRequiredService<ConnectionTester>().ConnectAsync(_owner, agent, providerId)).Integration.Status);
        _providers.Reset();
    }

    /// <param name="whenTheModelIsCalled">Done once, after the model's first request (a test moving the clock).</param>
    private async Task<TaskView> RunAsync(string agent, string description, AgentTaskStatus until, Action? whenTheModelIsCalled = null)
    {
        var task = await Tasks.CreateAsync(_owner, new CreateTaskRequest(description, agent));
        // A safety net for a hung test, not a budget: the runner's own time is the fake clock's.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var view = await Tasks.GetAsync(_owner, task.Id);
            if (view.Status == until)
            {
                return view;
            }

            if (whenTheModelIsCalled is not null && !_model.Requests.IsEmpty)
            {
                whenTheModelIsCalled();
                whenTheModelIsCalled = null;
            }

            Assert.True(DateTime.UtcNow < deadline && !view.Status.IsFinished(),
                $"task {view.Status}: {view.Error}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Reads_AreInvocableFunctions_Writes_OnlyDeclarations_AndOnlyForConnectedProviders()
    {
        await ConnectAsync("soshie", "twitter");

        await RunAsync("soshie", "Anything new?", AgentTaskStatus.Succeeded);

        var tools = Assert.Single(_model.Requests).Options!.Tools!.Where(t => !t.Name.StartsWith("ask_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["twitter_search_recent_posts", "twitter_create_post"], tools.Select(t => t.Name));
        Assert.IsAssignableFrom<AIFunction>(tools[0]);
        Assert.IsNotAssignableFrom<AIFunction>(tools[1]);
        Assert.IsAssignableFrom<AIFunctionDeclaration>(tools[1]);
    }

    [Fact]
    public async Task AReadAndAWriteInOneTurn_RunTheRead_AndHoldTheWriteForApproval()
    {
        await ConnectAsync("soshie", "twitter");
        _model.Script = (messages, _) => Task.FromResult(ScriptedChatClient.Calls(
            ("twitter_search_recent_posts", new() { ["query"] = "acme" }),
            ("twitter_create_post", new() { ["text"] = "Thanks for the love!" })));

        var task = await RunAsync("soshie", "Thank the people talking about us", AgentTaskStatus.AwaitingApproval);

        var read = Assert.Single(_providers.RequestsFor("twitter"));
        Assert.Equal("/2/tweets/search/recent", read.Path);
        var approval = Assert.Single(task.Approvals);
        Assert.Equal("twitter_create_post", approval.Tool);
        Assert.Equal("Post on X as acme: Thanks for the love!", approval.Preview);
        Assert.Contains(task.Steps, s => s.Kind == TaskStepKind.ToolResult && s.Tool == "twitter_search_recent_posts" && s.Succeeded == true);
    }

    [Fact]
    public async Task TheTimeBudget_EndsATaskWhoseModelDoesNotAnswer()
    {
        _model.Script = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };

        var task = await RunAsync("penn", "Write a slogan", AgentTaskStatus.Failed, () => _clock.Advance(TimeSpan.FromSeconds(2)));

        Assert.Contains("1.5 seconds of running time", task.Error);
        Assert.Equal(TaskStepKind.Error, task.Steps[^1].Kind);

        // Kept as a sentence too: the API reads the English above, a French page reads its own.
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.Equal("La tâche a utilisé les 1,5 secondes d’exécution que son budget permet sans finir.", task.Steps[^1].Text);
        }
    }

    [Fact]
    public async Task AModelFailure_EndsTheTaskWithASentence_NotACrash()
    {
        _model.Script = (_, _) => throw new HttpRequestException("boom");

        var task = await RunAsync("penn", "Write a slogan", AgentTaskStatus.Failed);

        Assert.StartsWith("The model endpoint failed:", task.Error);
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.StartsWith("Le service du modèle a échoué :", task.Steps[^1].Text);
        }
    }

    [Fact]
    public async Task AModelThatAnswersNothing_EndsWithDone_InTheReadersLanguage()
    {
        _model.Script = (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "")));

        var task = await RunAsync("penn", "Write a slogan", AgentTaskStatus.Answered);

        Assert.Equal("Done.", task.Result);
        using (TestCulture.Use(CultureInfo.GetCultureInfo("fr-FR")))
        {
            Assert.Equal("Terminé.", task.Steps.Single(s => s.Kind == TaskStepKind.Result).Text);
        }
    }

    [Fact]
    public async Task WordsHeldBackWhileTheModelPauses_AreWrittenWhenTheIntervalEnds_NotWhenItSpeaksAgain()
    {
        var pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.StreamScript = Pausing;
        async IAsyncEnumerable<ChatResponseUpdate> Pausing([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Fresh ");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "bread ");
            await pause.Task.WaitAsync(cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "daily.");
        }

        var task = await Tasks.CreateAsync(_owner, new CreateTaskRequest("A tagline", "penn"));
        var conversations = _factory.Services.GetRequiredService<ConversationService>();
        async Task<string> WrittenAsync() => string.Concat((await conversations.ReadTurnAsync(_owner, task.ConversationId!.Value, task.Id, 0))
            .Steps.Where(s => s.Kind == TaskStepKind.Delta).Select(s => s.Text));
        async Task WaitForAsync(string expected)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15); // a safety net for a hung test; the interval is the fake clock's
            while (await WrittenAsync() != expected)
            {
                Assert.True(DateTime.UtcNow < deadline, $"written: '{await WrittenAsync()}', waiting for '{expected}'");
                await Task.Delay(20);
            }
        }

        // The first words are written at once; the next, within the interval, wait for it to end.
        await WaitForAsync("Fresh ");
        await Task.Delay(200);
        Assert.Equal("Fresh ", await WrittenAsync());

        // The interval ends while the model is still paused: the held words are written without it.
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await WaitForAsync("Fresh bread ");
        Assert.False(pause.Task.IsCompleted);

        pause.SetResult();
        await WaitForAsync("Fresh bread daily.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        TaskView view;
        while (!(view = await Tasks.GetAsync(_owner, task.Id)).Status.IsFinished())
        {
            Assert.True(DateTime.UtcNow < deadline, $"task {view.Status}");
            await Task.Delay(20);
        }

        Assert.Equal(AgentTaskStatus.Answered, view.Status);
        Assert.Equal("Fresh bread daily.", view.Result);
    }
}
