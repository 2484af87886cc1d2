using AgentHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Core.Accounts;

public static class IdentityBuilderExtensions
{
    /// <summary>Identity's stores on the AgentHub database, whichever provider is configured.</summary>
    public static IdentityBuilder AddAgentHubStores(this IdentityBuilder builder, IConfiguration configuration) =>
        (configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite) == DatabaseProvider.SqlServer
            ? builder.AddEntityFrameworkStores<SqlServerAgentHubDbContext>()
            : builder.AddEntityFrameworkStores<SqliteAgentHubDbContext>();
}
