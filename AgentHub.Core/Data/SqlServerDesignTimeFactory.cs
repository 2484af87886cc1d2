using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AgentHub.Core.Data;

/// <summary>Lets `dotnet ef migrations add --context SqlServerAgentHubDbContext` build the model; no server is contacted.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAgentHubDbContext>
{
    public SqlServerAgentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAgentHubDbContext>().UseSqlServer("Server=(design-time);Database=AgentHub;Trusted_Connection=True").Options);
}
