namespace AgentHub.Tests.Infrastructure;

public static class TestPaths
{
    public static string Databases { get; } = Path.Combine(Path.GetTempPath(), "agenthub-tests");

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
