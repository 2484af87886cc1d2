namespace AgentHub.Tests.Infrastructure;

internal static class TestPaths
{
    public static string Databases { get; } = Path.Combine(Path.GetTempPath(), "agenthub-tests");
}
