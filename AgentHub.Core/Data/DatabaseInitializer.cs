using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Core.Data;

/// <summary>Applies the migrations at startup, creating the SQLite file (and its folder) on first run.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAgentHubDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while a write commits; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
