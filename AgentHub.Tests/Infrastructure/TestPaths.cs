using Microsoft.EntityFrameworkCore;

namespace AgentHub.Tests.Infrastructure;

public static class TestPaths
{
    public static string Databases { get; } = Path.Combine(Path.GetTempPath(), "agenthub-tests");

    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>
    /// A new SQLite file at <paramref name="path"/> with every migration already applied: a copy of a template migrated
    /// once per test run, so each test host starts without replaying the migrations (the app still checks them).
    /// </summary>
    public static string CopyMigratedDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Template.Value, path);
        return path;
    }

    private static string CreateTemplate()
    {
        Directory.CreateDirectory(Databases);
        var path = Path.Combine(Databases, $"template-{Guid.NewGuid():N}.db");
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<AgentHub.Core.Data.SqliteAgentHubDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False").Options;
        using (var db = new AgentHub.Core.Data.SqliteAgentHubDbContext(options))
        {
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    /// <summary>The folder holding AgentHub.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AgentHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("AgentHub.sln not found above " + AppContext.BaseDirectory);
    }
}
