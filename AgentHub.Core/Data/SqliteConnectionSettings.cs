using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentHub.Core.Data;

/// <summary>
/// Per-connection SQLite settings. With WAL, `synchronous=NORMAL` is the documented safe choice (no corruption; a
/// power cut may lose the last commits, never half of one) and saves an fsync per commit; `busy_timeout` makes
/// concurrent writers wait their turn instead of failing.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
