namespace AgentHub.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
