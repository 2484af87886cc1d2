using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentHub.Core.Data;

/// <summary>Lets `dotnet ef migrations add --context SqliteAgentHubDbContext` build the model without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAgentHubDbContext>
{
    public SqliteAgentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAgentHubDbContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnectionString).Options);
}

/// <summary>Lets `dotnet ef migrations add --context SqlServerAgentHubDbContext` build the model; no server is contacted.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAgentHubDbContext>
{
    public SqlServerAgentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAgentHubDbContext>().UseSqlServer("Server=(design-time);Database=AgentHub;Trusted_Connection=True").Options);
}
