using AgentHub.Core.Accounts;
using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentHub.Core.Data;

/// <summary>The SQLite flavour (the embedded default); its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAgentHubDbContext(DbContextOptions<SqliteAgentHubDbContext> options) : AgentHubDbContext(options);
