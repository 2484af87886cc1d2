using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Data;

/// <summary>
/// Prepares the database at startup: creates the SQLite file (and its folder) owner-only on first run, applies the
/// migrations, loads the key ring certificate (generating it on first run; a configured one that is missing stops
/// startup here, not at the first secret), and re-protects keys stored unencrypted by earlier versions.
/// </summary>
public static partial class DatabaseInitializer
{
    public static async Task InitializeAgentHubDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        var sqliteFile = db.Database.IsSqlite() ? DatabaseOptions.SqliteFile(db.Database.GetConnectionString()) : null;
        if (sqliteFile is not null)
        {
            CreatePrivately(sqliteFile);
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (sqliteFile is not null)
        {
            // WAL lets readers proceed while a write commits; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // SQLite creates -wal and -shm with the database file's mode; files made before this rule are narrowed.
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                DataFolder.RestrictToOwner(sqliteFile + suffix);
            }
        }

        _ = services.GetRequiredService<KeyRingCertificate>().Certificate;
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor
            ?? throw new InvalidOperationException("The key ring has no XML encryptor.");
        var reprotected = await LegacyKeyReprotection.ReprotectAsync(db, encryptor, cancellationToken);
        if (reprotected > 0)
        {
            LogReprotected(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer)), reprotected);
        }
    }

    private static void CreatePrivately(string file)
    {
        DataFolder.Create(Path.GetDirectoryName(file)!);
        if (File.Exists(file))
        {
            return;
        }

        try
        {
            // An empty file is a new database to SQLite; created here, it is owner-only from its first byte.
            using var _ = DataFolder.CreatePrivateFile(file);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another instance created it first.
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Re-protected {Count} Data Protection keys that were stored unencrypted. Database copies and backups made before now still hold them in clear: delete those copies.")]
    private static partial void LogReprotected(ILogger logger, int count);
}
