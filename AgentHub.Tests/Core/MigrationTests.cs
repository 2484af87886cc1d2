using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AgentHub.Tests.Core;

public sealed class MigrationTests
{
    [Fact]
    public void SqlServerMigrationScript_IsGeneratedWithoutAServer()
    {
        using var db = new SqlServerAgentHubDbContext(new DbContextOptionsBuilder<SqlServerAgentHubDbContext>()
            .UseSqlServer("Server=(unused);Database=AgentHub;Trusted_Connection=True").Options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Connections]", script);
        Assert.Contains("CREATE TABLE [Workspaces]", script);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Connections_WorkspaceId_ProviderId]", script);
        Assert.Contains("[__EFMigrationsHistory]", script);
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = new SqlServerAgentHubDbContext(new DbContextOptionsBuilder<SqlServerAgentHubDbContext>()
            .UseSqlServer("Server=(unused);Database=AgentHub;Trusted_Connection=True").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add.");
    }

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = new SqliteAgentHubDbContext(new DbContextOptionsBuilder<SqliteAgentHubDbContext>()
            .UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add.");
    }
}
