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

/// <summary>The SQL Server flavour (production); its migrations live in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAgentHubDbContext(DbContextOptions<SqlServerAgentHubDbContext> options) : AgentHubDbContext(options);
