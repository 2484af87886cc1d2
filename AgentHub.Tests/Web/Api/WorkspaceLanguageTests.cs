using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>The agents answer in the workspace's language (an owner's setting), unless the person writes in another.</summary>
public sealed class WorkspaceLanguageTests : TaskTestBase
{
    private string SystemPrompt() => (string)Model.Turns.Last().Messages[0]!["content"]!;

    [Fact]
    public async Task AFrenchWorkspace_TellsTheModelToAnswerInFrench_AnEnglishOneInEnglish()
    {
        var english = await CreateTaskAsync("penn", "Write a tagline");
        await WaitForAsync(english, "answered");
        Assert.Contains("Answer in English, the business's language, unless the person writes to you in another language", SystemPrompt());

        using (var changed = await Client.PatchAsJsonAsync("/api/workspace", new { language = "fr" }))
        {
            await ReadJsonAsync(changed, 200);
        }

        var french = await CreateTaskAsync("penn", "Écris un slogan");
        await WaitForAsync(french, "answered");
        Assert.Contains("Answer in French, the business's language, unless the person writes to you in another language: then answer in theirs.", SystemPrompt());
    }
}
