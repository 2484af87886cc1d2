using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>Tasks survive a restart: a task waiting for approval resumes in a new host on the same database.</summary>
public sealed class TaskRestartTests : TaskTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) =>
        new(providers, TaskSettings(Model)) { KeepDatabase = true };

    [Fact]
    public async Task ARestart_WhileAwaitingApproval_ResumesWithTheApprovedResult()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var taskId = await CreateTaskAsync("soshie", "Créer un post Instagram sur notre nouveau produit avec 10 hashtags");
        await WaitForAsync(taskId, "awaiting_approval");
        var databasePath = Factory.DatabasePath;
        await Factory.DisposeAsync();

        await using var restarted = new AgentHubFactory(Providers, TaskSettings(Model), databasePath);
        var owner = await restarted.SignInAsync(Owner.Email);
        var approval = Assert.Single(await PendingApprovalsAsync(owner.Client));
        Assert.Empty(Providers.RequestsFor("instagram"));

        using (await owner.Client.PostAsync($"/api/approvals/{approval!["id"]}/approve", null))
        {
        }

        var done = await WaitForAsync(taskId, "succeeded", owner.Client);
        Assert.Contains(FakeActions.InstagramMediaId, (string)done["result"]!);
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        // One model turn before the restart, one after: the conversation was resumed, not restarted.
        Assert.Equal(2, Model.Turns.Count);
        Assert.Equal(2, Model.Turns.Last().Messages.Count(m => (string?)m!["role"] == "user" || (string?)m!["role"] == "system"));
    }
}
