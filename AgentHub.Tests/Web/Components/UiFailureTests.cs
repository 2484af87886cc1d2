using AgentHub.Core.Accounts;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Pages.Workspace;
using AgentHub.Web.Components.Shared.Credentials;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// Findings 5 and 12: a circuit reads with the user's current role after a demotion, and a UI action that fails (a
/// refused write, a database or decryption error) shows a message instead of tearing the circuit down.
/// </summary>
public sealed class UiFailureTests : ComponentTestBase
{
    [Fact]
    public async Task AnOwnerDemotedWithThePageOpen_SeesAMessageOnInvite_AndTheNextPageReadsAsAMember()
    {
        await Services.GetRequiredService<WorkspaceService>().InviteAsync(Owner, "pending@acme.test", WorkspaceRole.Member);
        var page = Render<WorkspacePage>();
        page.WaitForAssertion(() => Assert.Contains("Audit trail", page.Markup));
        Assert.Contains("pending@acme.test", page.Markup);

        await DemoteOwnerAsync();
        page.Find("input[type=email]").Input("someone@acme.test");
        await page.InvokeAsync(() => page.Find("form").Submit());

        // The click is refused with a sentence, not an exception; nothing was created.
        page.WaitForAssertion(() => Assert.Contains("Only a workspace owner", page.Markup));
        await using (var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.Invitations.AnyAsync(i => i.Email == "someone@acme.test"));
        }

        // Navigating inside the same circuit (the old page's island is removed, the circuit's services stay): the
        // next page is read with the member role.
        await DisposeComponentsAsync();
        var next = Render<WorkspacePage>();
        next.WaitForAssertion(() => Assert.Contains("You are a member", next.Markup));
        Assert.DoesNotContain("Audit trail", next.Markup);
        Assert.DoesNotContain("pending@acme.test", next.Markup);
        Assert.DoesNotContain("Invite someone", next.Markup);
    }

    [Fact]
    public async Task ADecryptionErrorWhileSaving_IsShownInTheDialog_AndLogged_WithoutAnUnhandledException()
    {
        // A stored secret that no longer decrypts (a lost key ring certificate, a corrupted row).
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            var broken = Connection.Create(Owner.WorkspaceId, "zendesk", DateTime.UtcNow);
            broken.StoreCredentials("""{"subdomain":"acme","email":"agent@acme.com"}""", ["api_token"], "CfDJ8-not-a-valid-payload", "Saved.", DateTime.UtcNow);
            db.Connections.Add(broken);
            await db.SaveChangesAsync();
        }

        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
        var view = await Queries.GetAsync(Owner, "cassie", "zendesk");
        var parameters = new DialogParameters<CredentialDialog> { { d => d.AgentId, "cassie" }, { d => d.Integration, view } };
        await host.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CredentialDialog>("Connect", parameters));
        host.WaitForElement("#credential-form");

        // Leaving the saved token blank keeps it, so saving has to decrypt it.
        await host.InvokeAsync(() => host.Find("#credential-form").Submit());

        host.WaitForAssertion(() => Assert.Contains("Something went wrong on our side", host.Find("[data-testid=dialog-problem]").TextContent));
        Assert.NotNull(host.Find("#credential-form"));
        Assert.Empty(Verifier.Requests);
    }

    /// <summary>A second owner demotes the test's owner, as another browser would.</summary>
    private async Task DemoteOwnerAsync()
    {
        var second = new AgentHubUser { UserName = "second@bunit.test", Email = "second@bunit.test", WorkspaceId = Owner.WorkspaceId, Role = WorkspaceRole.Owner };
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(second);
            await db.SaveChangesAsync();
        }

        var actor = new WorkspaceActor(Owner.WorkspaceId, second.Id, second.Email, WorkspaceRole.Owner);
        await Services.GetRequiredService<WorkspaceService>().ChangeRoleAsync(actor, Owner.UserId, WorkspaceRole.Member);
    }
}
