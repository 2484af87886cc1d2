using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Data;

/// <summary>The SQL Server flavour (production); its migrations live in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAgentHubDbContext(DbContextOptions<SqlServerAgentHubDbContext> options) : AgentHubDbContext(options);
