using Microsoft.Data.Sqlite;

namespace AgentHub.Core.Data;

/// <summary>`Database:Provider` (Sqlite, the default, or SqlServer) with `ConnectionStrings:AgentHub`.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=data/agenthub.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The full path of the SQLite file a connection string names, or null for an in-memory database.</summary>
    public static string? SqliteFile(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
    }
}
