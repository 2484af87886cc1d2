using AgentHub.Core.Accounts;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Core;

/// <summary>
/// The last-owner rule under a real race: both owners' actors are resolved (as owners) before either change runs, so
/// only the rule inside the write itself can keep the workspace from ending with no owner.
/// </summary>
public sealed class LastOwnerRuleTests : IAsyncLifetime
{
    private readonly AgentHubFactory _factory = new();
    private WorkspaceActor _first = null!;
    private WorkspaceActor _second = null!;

    public async Task InitializeAsync()
    {
        _first = await _factory.CreateOwnerActorAsync("first@race.test");
        await using var db = await Db();
        var second = new AgentHubUser { UserName = "second@race.test", Email = "second@race.test", WorkspaceId = _first.WorkspaceId, Role = WorkspaceRole.Owner };
        db.Users.Add(second);
        await db.SaveChangesAsync();
        _second = new WorkspaceActor(_first.WorkspaceId, second.Id, "second@race.test", WorkspaceRole.Owner);
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoOwnersDemotingEachOther_WithActorsReadBeforeEitherWrite_LeaveOneOwner()
    {
        var workspaces = _factory.Services.GetRequiredService<WorkspaceService>();
        for (var round = 0; round < 20; round++)
        {
            var results = await Task.WhenAll(
                Attempt(() => workspaces.ChangeRoleAsync(_first, _second.UserId, WorkspaceRole.Member)),
                Attempt(() => workspaces.ChangeRoleAsync(_second, _first.UserId, WorkspaceRole.Member)));

            Assert.Equal(1, results.Count(r => r is null));
            Assert.IsType<ConflictException>(results.Single(r => r is not null));
            await using (var db = await Db())
            {
                Assert.Equal(1, await db.Users.CountAsync(u => u.WorkspaceId == _first.WorkspaceId && u.Role == WorkspaceRole.Owner));
                await db.Users.Where(u => u.WorkspaceId == _first.WorkspaceId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, WorkspaceRole.Owner));
            }
        }
    }

    [Fact]
    public async Task TheLastOwner_CannotDemoteThemself_ButMayStayOwner()
    {
        var workspaces = _factory.Services.GetRequiredService<WorkspaceService>();
        await workspaces.ChangeRoleAsync(_first, _second.UserId, WorkspaceRole.Admin);

        await Assert.ThrowsAsync<ConflictException>(() => workspaces.ChangeRoleAsync(_first, _first.UserId, WorkspaceRole.Member));
        await workspaces.ChangeRoleAsync(_first, _first.UserId, WorkspaceRole.Owner);
        await workspaces.ChangeRoleAsync(_first, _second.UserId, WorkspaceRole.Owner);
        await workspaces.ChangeRoleAsync(_first, _first.UserId, WorkspaceRole.Member);
        await using var db = await Db();
        Assert.Equal(WorkspaceRole.Owner, (await db.Users.SingleAsync(u => u.Id == _second.UserId)).Role);
    }

    private static async Task<Exception?> Attempt(Func<Task> change)
    {
        await Task.Yield();
        try
        {
            await change();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private Task<AgentHubDbContext> Db() => _factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
}
