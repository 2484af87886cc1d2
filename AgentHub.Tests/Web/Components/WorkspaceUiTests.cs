using AgentHub.Core.Audit;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Workspace;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// The workspace page as a new owner finds it: the audit trail in sentences (never `execute_action`), the workspace
/// renamed and its agents' language set in place; and snackbars that stay with the page that raised them.
/// </summary>
public sealed class WorkspaceUiTests : ComponentTestBase
{
    [Fact]
    public async Task TheAuditTrail_ReadsAsSentences_NotCodeNames()
    {
        var audit = Services.GetRequiredService<AuditService>();
        await audit.RecordAsync(Owner, AuditActions.ExecuteAction, "succeeded", "instagram", "soshie");
        await audit.RecordAsync(Owner, AuditActions.RefreshTokens, "failed", "hubspot");

        var page = Render<WorkspacePage>();
        page.WaitForAssertion(() => Assert.Contains("Sent an approved action", page.Markup));

        var trail = page.Find("[data-testid=workspace-audit]").TextContent;
        Assert.DoesNotContain("execute_action", trail);
        Assert.DoesNotContain("refresh_tokens", trail);
        Assert.Contains("Renewed the OAuth tokens", trail);
    }

    [Fact]
    public async Task AnOwner_RenamesTheWorkspace_AndSetsTheAgentsLanguage_FromThePage()
    {
        var page = Render<WorkspacePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=workspace-settings]"));

        page.Find("input[data-testid=workspace-name]").Change("Boulangerie Martin");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.SelectOption("fr"));
        await page.Find("[data-testid=workspace-settings] form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal("Boulangerie Martin", page.Find("h1").TextContent));
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == Owner.WorkspaceId);
        Assert.Equal(("Boulangerie Martin", "fr"), (workspace.Name, workspace.Language));
    }

    [Fact]
    public async Task AnEmptyName_IsAFieldError_AndChangesNothing()
    {
        var page = Render<WorkspacePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=workspace-settings]"));

        page.Find("input[data-testid=workspace-name]").Change("   ");
        await page.Find("[data-testid=workspace-settings] form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("Give the workspace a name.", page.Find("[data-testid=workspace-settings]").TextContent));
        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.Equal("Test", (await db.Workspaces.SingleAsync(w => w.Id == Owner.WorkspaceId)).Name);
    }

    [Fact]
    public async Task ASnackbar_DoesNotFollowThePersonToTheNextPage()
    {
        var snackbars = Services.GetRequiredService<ISnackbar>();
        var first = Render<AgentsHomePage>();
        first.WaitForAssertion(() => Assert.DoesNotContain("mud-skeleton", first.Markup));
        snackbars.Add("Saved.", Severity.Success);
        Assert.Single(snackbars.ShownSnackbars);

        // Leaving the page (its frame is disposed, as on navigation to another page of the circuit).
        await DisposeComponentsAsync();

        Assert.Empty(snackbars.ShownSnackbars);
    }
}
