using System.Globalization;
using System.Text.RegularExpressions;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Tasks;
using AgentHub.Core.Webhooks;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Web;

namespace AgentHub.Tests.Core;

/// <summary>
/// Core's sentences for people (CoreText) in English and French. That both languages have every key with the same
/// placeholders is LocalizationResourceTests' theory, which reads every .resx under AgentHub.Core; here: shared
/// validators speak the language of each call, every key the code names exists, and stored sentences are shown again
/// in the reader's language.
/// </summary>
public sealed partial class CoreTextTests
{
    private static readonly string CoreFolder = Path.Combine(TestPaths.RepositoryRoot, "AgentHub.Core");

    private static T InCulture<T>(string culture, Func<T> read)
    {
        using var scope = TestCulture.Use(culture);
        return read();
    }

    [Fact]
    public void ASharedValidator_SpeaksTheLanguageOfEachValidation_NotTheOneItWasBuiltIn()
    {
        // Static instances, built once: a message read at construction would stay in that first culture.
        string Name(string culture) => InCulture(culture, () => Assert.Single(WorkspaceSettingsValidator.Instance.Validate(new WorkspaceSettings(" ", null)).Errors).ErrorMessage);
        string Reason(string culture) => InCulture(culture, () => Assert.Single(RejectionValidator.Instance.Validate(new Rejection(new string('x', 501))).Errors).ErrorMessage);

        Assert.Equal("Give the workspace a name.", Name("en-US"));
        Assert.Equal("Donnez un nom à l’espace de travail.", Name("fr-FR"));
        Assert.Equal("Give the workspace a name.", Name("en-US"));

        Assert.Equal("Un motif compte au plus 500 caractères.", Reason("fr-FR"));
        Assert.Equal("A reason is at most 500 characters.", Reason("en-US"));
    }

    [Fact]
    public void EveryKeyTheCoreNames_ExistsInCoreText_AndEveryTextIsUsed()
    {
        var keys = LocalizationResourceTests.Read(Path.Combine(CoreFolder, "Common", "CoreText.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        // Core, Integrations and the web app's endpoints write Core's sentences (a provider's refusal, a check's detail, the model's failure).
        var used = new[] { CoreFolder, Path.Combine(TestPaths.RepositoryRoot, "AgentHub.Integrations"), Path.Combine(TestPaths.RepositoryRoot, "AgentHub.Web") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                           !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(path => KeyLiteral().Matches(File.ReadAllText(path)).Concat(GetCall().Matches(File.ReadAllText(path))))
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(used.Except(keys).Order());
        Assert.Empty(keys.Except(used).Order());
        Assert.True(used.Count > 80, $"only {used.Count} keys found: the scan no longer sees the code's texts");
    }

    [Fact]
    public void AStoredStatusSentence_IsShownInTheReadersLanguage_WhoeverWroteIt()
    {
        var connection = Connection.Create(Guid.NewGuid(), "zendesk", DateTime.UtcNow);
        var written = InCulture("fr-FR", () => CoreText.Get("Connections_Saved", "Zendesk"));
        connection.StoreCredentials(null, ["api_token"], "protected", written, DateTime.UtcNow);

        Assert.Equal("Enregistré. Testez la connexion à Zendesk pour terminer.", written);
        Assert.Equal("Saved. Test the connection to Zendesk to finish.", InCulture("en-US", () => IntegrationViewMapper.StatusMessage(connection, "Zendesk")));
    }

    [Fact]
    public void ADeliverysSkippedReasons_AreStoredInEnglish_AndShownInTheReadersLanguage()
    {
        var stored = InCulture("fr-FR", () => WebhookSkippedReasons.Store([WebhookSkippedReasons.TaskBudget, WebhookSkippedReasons.NotAnIdentifier, WebhookSkippedReasons.TaskBudget]));

        Assert.Equal("skipped: task budget; the event's id is not an identifier", stored);
        Assert.Equal(stored, InCulture("en-US", () => WebhookSkippedReasons.InCurrentLanguage(stored)));
        Assert.Equal("règles ignorées\u00a0: budget de tâches atteint\u00a0; l’id de l’événement n’est pas un identifiant",
            InCulture("fr-FR", () => WebhookSkippedReasons.InCurrentLanguage(stored)));
        Assert.Equal("skipped: something older", InCulture("fr-FR", () => WebhookSkippedReasons.InCurrentLanguage("skipped: something older")));
    }

    /// <summary>A key as Core's code names it: its feature, an underscore, its name ("Workspaces_NameRequired").</summary>
    [GeneratedRegex(@"""((?:Audit|Catalog|Common|Connections|OAuth|Tasks|Webhooks|Workspaces|Actions|Checks|Model|Brain|Conversations|Schedules|Mcp|Usage)_[A-Za-z0-9]+)""")]
    private static partial Regex KeyLiteral();

    /// <summary>Any key read directly, whatever its prefix.</summary>
    [GeneratedRegex(@"CoreText\.(?:Get|English)\(\s*""([^""]+)""")]
    private static partial Regex GetCall();
}
