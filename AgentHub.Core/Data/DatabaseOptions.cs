namespace AgentHub.Core.Data;

/// <summary>`Database:Provider` (Sqlite, the default, or SqlServer) with `ConnectionStrings:AgentHub`.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=data/agenthub.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
