using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Data;

/// <summary>The SQLite flavour (the embedded default); its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAgentHubDbContext(DbContextOptions<SqliteAgentHubDbContext> options) : AgentHubDbContext(options);
