using System.Text.Json;

namespace AgentHub.Core.Connections;

/// <summary>Reads and writes the clear (non-secret) values and the saved-secret names of a <see cref="Connection"/>.</summary>
public static class ConnectionSettings
{
    public static IReadOnlyDictionary<string, string> Read(Connection? connection) => Read(connection?.SettingsJson);

    public static IReadOnlyDictionary<string, string> Read(string? settingsJson) =>
        string.IsNullOrEmpty(settingsJson)
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(settingsJson) ?? [];

    public static string? Write(IReadOnlyDictionary<string, string> settings) =>
        settings.Count == 0 ? null : JsonSerializer.Serialize(settings);

    public static IReadOnlySet<string> SecretNames(Connection? connection) =>
        string.IsNullOrEmpty(connection?.SecretNames)
            ? new HashSet<string>()
            : connection.SecretNames.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
}
