using System.Globalization;
using System.Text.RegularExpressions;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.Brain;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Integrations.Catalog;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Brain;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Pages.Overview;
using AgentHub.Web.Components.Pages.Tasks;
using AgentHub.Web.Components.Pages.Workspace;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// Every page rendered in French contains none of the English texts of the app's resources (a text the same in both
/// languages, such as "Webhooks", is not a sign of anything), and says it in French.
/// </summary>
public sealed partial class FrenchPagesTests : ComponentTestBase
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The English texts (the web app's and Core's) that differ from their French, cut at their placeholders into literal fragments.</summary>
    /// <summary>Words of product names, the same in every language ("Search" in Google Search Console, "Copy" in Copy.ai).</summary>
    private static readonly HashSet<string> BrandWords = CatalogLoader.LoadEmbedded().Providers
        .SelectMany(p => p.Name.Split([' ', '.', '/'], StringSplitOptions.RemoveEmptyEntries))
        .ToHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlyList<string> EnglishTexts = EnglishResourceTexts().Concat(EnglishCatalogTexts())
        .Where(text => !BrandWords.Contains(text))
        .Distinct()
        .ToList();


    /// <summary>
    /// The app's and Core's English resource texts that differ from their French: whole one-word texts ("Approve"), and
    /// sentences cut at their placeholders into fragments of two words or more.
    /// </summary>
    private static IEnumerable<string> EnglishResourceTexts() => new[] { "AgentHub.Web", "AgentHub.Core" }
        .SelectMany(project => Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, project), "*.resx", SearchOption.AllDirectories))
        .Where(path => !path.EndsWith(".fr.resx", StringComparison.Ordinal) && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
        .SelectMany(path =>
        {
            var english = LocalizationResourceTests.Read(path);
            var french = LocalizationResourceTests.Read(path[..^".resx".Length] + ".fr.resx");
            return english.Where(kv => kv.Value != french.GetValueOrDefault(kv.Key)).Select(kv => kv.Value);
        })
        .SelectMany(text => Placeholder().IsMatch(text) || text.Contains(' ')
            ? Placeholder().Split(Regex.Replace(text, "<[^>]+>", " ")).Select(Trim).Where(fragment => fragment.Length >= 6 && fragment.Contains(' '))
            : [Trim(text)])
        .Where(text => text.Length >= 4);

    /// <summary>The catalog's English display texts that its French translation replaces (roles, summaries, labels, titles).</summary>
    private static IEnumerable<string> EnglishCatalogTexts()
    {
        var english = CatalogLoader.LoadEmbedded();
        var french = CatalogLoader.LoadEmbeddedLocalized().For("fr");
        foreach (var agent in english.Agents)
        {
            yield return agent.Role;
            yield return agent.Persona;
        }

        foreach (var provider in english.Providers)
        {
            var translated = french.FindProvider(provider.Id)!;
            yield return provider.Summary;
            foreach (var field in provider.Fields.Where(f => translated.FindField(f.Name)!.Label != f.Label))
            {
                yield return field.Label;
            }

            foreach (var action in provider.Actions)
            {
                yield return action.Title;
            }
        }
    }

    private static string Trim(string text) => text.Trim(' ', '.', ',', ':', ';', '(', ')', '“', '”', '"', '·', '—', '-', '…', '?', '!');

    public static TheoryData<string> Pages => new() { "home", "agent", "integration", "overview", "inbox", "task", "workspace", "brain" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ThePage_InFrench_ShowsNoEnglishText(string name)
    {
        var taskId = await SeedAsync();
        using var culture = TestCulture.Use(French);
        string Loaded<TPage>(IRenderedComponent<TPage> page)
            where TPage : IComponent
        {
            page.WaitForAssertion(() => Assert.DoesNotContain("mud-skeleton", page.Markup), TimeSpan.FromSeconds(10));
            return page.Markup;
        }

        var markup = name switch
        {
            "home" => Loaded(Render<AgentsHomePage>()),
            "agent" => Loaded(Render<AgentPage>(p => p.Add(x => x.AgentId, "soshie"))),
            "integration" => Loaded(Render<IntegrationPage>(p => p.Add(x => x.AgentId, "buddy").Add(x => x.IntegrationId, "hubspot"))),
            "overview" => Loaded(Render<OverviewPage>()),
            "inbox" => Loaded(Render<InboxPage>()),
            "task" => Loaded(Render<TaskPage>(p => p.Add(x => x.TaskId, taskId))),
            "brain" => Loaded(Render<BrainPage>()),
            _ => Loaded(Render<WorkspacePage>()),
        };

        var text = Readable(markup);
        // Whole words only, and not inside an address (owner@..., https://...).
        var english = EnglishTexts.Where(fragment => Regex.IsMatch(text, $@"(?<![\p{{L}}@./]){Regex.Escape(fragment)}(?![\p{{L}}@])")).ToList();
        Assert.True(english.Count == 0, $"English on the French {name} page: {string.Join(" | ", english)}");
        Assert.Matches(@"\p{L}", text);
    }

    [Fact]
    public async Task APageUpdatedByAServerEvent_StaysInFrench_WhateverTheLanguageOfThePublisher()
    {
        var taskId = await SeedAsync();
        using var culture = TestCulture.Use(French);
        var page = Render<TaskPage>(p => p.Add(x => x.TaskId, taskId));
        page.WaitForAssertion(() => Assert.Contains("En attente", page.Find("[data-status]").TextContent));

        // The task ends in a background service, whose culture is English.
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(t => t.SetProperty(x => x.Status, AgentTaskStatus.Succeeded));
        }

        await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Services.GetRequiredService<TaskEvents>().Publish(new TaskChanged(Owner.WorkspaceId, taskId, "soshie", AgentTaskStatus.Succeeded));
        });

        page.WaitForAssertion(() => Assert.Equal("Réussie", page.Find("[data-status]").TextContent.Trim()));
        Assert.DoesNotContain("Succeeded", page.Markup);
    }

    /// <summary>What a person reads: the text between tags and the attributes that are read aloud or shown.</summary>
    private static string Readable(string markup)
    {
        var attributes = Attribute().Matches(markup).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        var text = System.Net.WebUtility.HtmlDecode(Regex.Replace(markup, "<[^>]+>", " "));
        return Regex.Replace(string.Join(" ", attributes.Prepend(text)), @"\s+", " ");
    }

    private async Task<Guid> SeedAsync()
    {
        await Integrations.ConfigureAsync(Owner, "buddy", "hubspot", FakeProviders.Get("hubspot").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        // As the real check words it, in English (the test's culture): the page says it again in French.
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.Ok, OutcomeSentences.Of(OutcomeReason.Ok, "HubSpot", CultureInfo.GetCultureInfo("en")));
        await Tester.ConnectAsync(Owner, "buddy", "hubspot");
        var now = DateTime.UtcNow;
        var task = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            AgentId = "soshie",
            Description = "Un post sur le nouveau produit",
            Status = AgentTaskStatus.AwaitingApproval,
            CreatedBy = Owner.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            TaskId = task.Id,
            AgentId = "soshie",
            CallId = "call_1",
            ProviderId = "instagram",
            ActionName = "publish_post",
            Tool = "instagram_publish_post",
            ArgumentsJson = """{"caption":"Le nouveau produit #acme","image_url":"https://cdn.acme.com/new-product.jpg"}""",
            Preview = "Publish the image https://cdn.acme.com/new-product.jpg on Instagram as acme with the caption: Le nouveau produit #acme",
            AccountName = "acme",
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
        };
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        // A French business's name (the test host's "Test" would read as an English word).
        await db.Workspaces.Where(w => w.Id == Owner.WorkspaceId).ExecuteUpdateAsync(w => w.SetProperty(x => x.Name, "Boulangerie Martin"));
        db.Tasks.Add(task);
        db.Approvals.Add(approval);
        db.TaskSteps.Add(new TaskStep { TaskId = task.Id, Kind = TaskStepKind.ToolCall, Tool = "instagram_publish_post", Effect = ActionEffect.Write, Summary = "caption", At = now });
        db.TaskSteps.Add(new TaskStep { TaskId = task.Id, Kind = TaskStepKind.ApprovalRequested, Tool = "instagram_publish_post", Summary = approval.Preview, ApprovalId = approval.Id, At = now });

        // An earlier attempt, refused: its decision step is stored in English, as Core writes it.
        var refused = new Approval
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            TaskId = task.Id,
            AgentId = "soshie",
            CallId = "call_0",
            ProviderId = "instagram",
            ActionName = "publish_post",
            Tool = "instagram_publish_post",
            ArgumentsJson = """{"caption":"Trop long","image_url":"https://cdn.acme.com/old.jpg"}""",
            Preview = "Publish the image https://cdn.acme.com/old.jpg on Instagram as acme with the caption: Trop long",
            AccountName = "acme",
            Status = ApprovalStatus.Rejected,
            DecidedBy = "owner@bunit.test",
            Reason = "trop long",
            CreatedAt = now.AddMinutes(-5),
            DecidedAt = now.AddMinutes(-4),
        };
        db.Approvals.Add(refused);
        db.TaskSteps.Add(new TaskStep
        {
            TaskId = task.Id,
            Kind = TaskStepKind.ApprovalDecided,
            Tool = "instagram_publish_post",
            Summary = "Rejected by owner@bunit.test: trop long",
            Succeeded = false,
            ApprovalId = refused.Id,
            At = now.AddMinutes(-4),
        });
        // Audit details Core wrote as sentences, through the audit service as the services write them.
        var audit = Services.GetRequiredService<AuditService>();
        audit.Add(db, Owner, AuditActions.Reject, "rejected", "instagram", "soshie", detail: new Sentence("Audit_DetailRejectedNoReason", "instagram_publish_post"));
        audit.Add(db, Owner, AuditActions.Authorize, "refused", "hubspot", "buddy",
            detail: new Sentence("Audit_DetailMembersMayNot", new Sentence("Audit_CanChangeIntegrations")));
        audit.Add(db, Owner, AuditActions.Invite, "succeeded", detail: new Sentence("Audit_DetailInvitedAs", "marie@bunit.test", new Sentence("Audit_RoleAdmin")));

        // The Brain: a note that was read, a file that could not be (its reason stored as a sentence), a profile.
        db.BrainSources.Add(new BrainSource
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            Kind = BrainSourceKind.Note,
            Title = "Horaires",
            Status = BrainSourceStatus.Ready,
            ChunkCount = 2,
            Generation = 1,
            CreatedBy = "owner",
            CreatedAt = now,
            UpdatedAt = now,
            IndexedAt = now,
        });
        db.BrainSources.Add(new BrainSource
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            Kind = BrainSourceKind.File,
            Title = "tarifs.pdf",
            Status = BrainSourceStatus.Error,
            ErrorJson = new Sentence("Brain_Failed").ToJson(),
            CreatedBy = "owner",
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.BrainSources.Add(new BrainSource
        {
            Id = Guid.NewGuid(),
            WorkspaceId = Owner.WorkspaceId,
            Kind = BrainSourceKind.Url,
            Title = "boulangerie-martin.fr/menu",
            Url = "https://boulangerie-martin.fr/menu",
            Status = BrainSourceStatus.Indexing,
            Progress = 40,
            CreatedBy = "owner",
            CreatedAt = now,
            UpdatedAt = now,
        });
        db.BrainProfiles.Add(new BrainProfile { WorkspaceId = Owner.WorkspaceId, BusinessName = "Boulangerie Martin", Voice = "Chaleureuse", UpdatedAt = now });

        // Steps Core wrote as sentences (stored in English, with their key): read in French on the page.
        foreach (var (kind, sentence, succeeded) in new (TaskStepKind, Sentence, bool?)[]
        {
            (TaskStepKind.ToolResult, new Sentence("Actions_NotConnected", "HubSpot", "hubspot_search_contacts"), false),
            (TaskStepKind.ToolResult, new Sentence("Tasks_AnsweredFromCache", """{"followers":1200}"""), true),
            (TaskStepKind.ToolResult, new Sentence("Actions_RefusedDetail", "Instagram", 400, "Invalid parameter"), false),
            (TaskStepKind.Error, new Sentence("Tasks_OutOfTurns", 8), false),
            (TaskStepKind.Error, new Sentence("Model_SlowDown"), false),
            (TaskStepKind.Error, new Sentence("Tasks_CancelledBy", "owner@bunit.test"), false),
        })
        {
            db.TaskSteps.Add(new TaskStep
            {
                TaskId = task.Id,
                Kind = kind,
                Tool = kind == TaskStepKind.ToolResult ? "instagram_get_profile" : null,
                Summary = sentence.English(),
                SentenceJson = sentence.ToJson(),
                Succeeded = succeeded,
                At = now.AddMinutes(-3),
            });
        }

        // A Brain search: its step and the sources the task lists.
        var citations = new[] { new TaskCitation(Guid.NewGuid(), "Horaires", "Horaires et accès › Jours fériés") };
        var found = new Sentence("Brain_ToolFound", 1, citations[0].Describe());
        db.TaskSteps.Add(new TaskStep
        {
            TaskId = task.Id,
            Kind = TaskStepKind.ToolResult,
            Tool = "brain_search",
            Effect = ActionEffect.Read,
            Summary = found.English(),
            SentenceJson = found.ToJson(),
            CitationsJson = TaskCitation.ToJson(citations),
            Succeeded = true,
            At = now.AddMinutes(-2),
        });

        await db.SaveChangesAsync();
        return task.Id;
    }

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(aria-label|title|placeholder|alt|label)=""([^""]*)""")]
    private static partial Regex Attribute();
}
