using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The database (SQLite by default, SQL Server by configuration), Data Protection with keys in it, and the Core services.</summary>
    public static IServiceCollection AddAgentHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("AgentHub");

        var dataProtection = services.AddDataProtection().SetApplicationName("AgentHub");
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:AgentHub is not set.");
                }

                services.AddDatabase<SqlServerAgentHubDbContext>(o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
                dataProtection.PersistKeysToDbContext<SqlServerAgentHubDbContext>();
                break;
            default:
                services.AddDatabase<SqliteAgentHubDbContext>(o => o.UseSqlite(
                    string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnectionString : connectionString));
                dataProtection.PersistKeysToDbContext<SqliteAgentHubDbContext>();
                break;
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CredentialValidators>();
        services.AddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<IntegrationService>();
        return services;
    }

    private static void AddDatabase<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : AgentHubDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<AgentHubDbContext>, ContextFactoryAdapter<TContext>>();
    }
}
