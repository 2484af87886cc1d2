using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Workspace;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// The Workspace page's MCP card: this workspace's MCP address with ready configuration for common clients, and the
/// outside servers' form with field errors in place (the egress guard's refusal under the address), nothing stored on
/// bad input; members see the servers and no form.
/// </summary>
public sealed class McpCardTests : ComponentTestBase
{
    [Fact]
    public void TheCard_ShowsTheAddress_AndConfigurationForCommonClients()
    {
        var card = Render<McpCard>(p => p.Add(c => c.Actor, Owner));

        Assert.Equal("http://localhost/mcp", card.Find("[data-testid=mcp-address]").GetAttribute("value"));
        var snippets = card.FindAll("[data-testid=mcp-snippet]").Select(s => s.TextContent).ToList();
        Assert.Equal(4, snippets.Count);
        Assert.All(snippets, s => Assert.Contains("http://localhost/mcp", s, StringComparison.Ordinal));
        Assert.Contains(snippets, s => s.Contains("claude mcp add --transport http", StringComparison.Ordinal));
        Assert.Contains(snippets, s => s.Contains("\"type\": \"http\"", StringComparison.Ordinal));
        Assert.Contains("No outside MCP server yet.", card.Find("[data-testid=mcp-servers-empty]").TextContent);
    }

    [Fact]
    public async Task BadInput_IsAFieldError_AndAnAddressTheGuardRefuses_IsOneUnderTheAddress()
    {
        var card = Render<McpCard>(p => p.Add(c => c.Actor, Owner));

        card.Find("[data-testid=mcp-name]").Change("Not A Name");
        card.Find("[data-testid=mcp-url]").Change("ftp://example.com");
        await card.Find("[data-testid=mcp-save]").ClickAsync(new());
        card.WaitForAssertion(() => Assert.Contains("lowercase letters", card.Find("#mcp-name-error").TextContent));
        Assert.Contains("http or https", card.Find("#mcp-url-error").TextContent);
        Assert.Equal("true", card.Find("[data-testid=mcp-url]").GetAttribute("aria-invalid"));

        card.Find("[data-testid=mcp-name]").Change("crm_tools");
        card.Find("[data-testid=mcp-url]").Change("https://mcp.example.com/mcp");
        card.Find("[data-testid=mcp-agent-buddy]").Change(true);
        await card.Find("[data-testid=mcp-save]").ClickAsync(new());
        card.WaitForAssertion(() => Assert.Contains("could not be found", card.Find("#mcp-url-error").TextContent));
        Assert.Empty(card.FindAll("#mcp-name-error"));

        await using var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.RemoteMcpServers.ToListAsync());
    }

    [Fact]
    public void AMember_SeesTheServers_ButNoForm()
    {
        var member = Owner with { Role = WorkspaceRole.Member };
        var card = Render<McpCard>(p => p.Add(c => c.Actor, member));

        Assert.NotNull(card.Find("[data-testid=mcp-address]"));
        Assert.Empty(card.FindAll("[data-testid=mcp-save]"));
        Assert.Empty(card.FindAll("[data-testid=mcp-name]"));
    }
}
