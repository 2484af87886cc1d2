using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentHub.Core.Data;

/// <summary>Lets `dotnet ef migrations add --context SqliteAgentHubDbContext` build the model without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAgentHubDbContext>
{
    public SqliteAgentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAgentHubDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}
