using AgentHub.Core.Catalog;

namespace AgentHub.Core.Connections;

/// <summary>
/// Credentials a user submitted for a provider, trimmed, beside what is already stored. The one input of
/// <see cref="CredentialSubmissionValidator"/>, used by the Core service, the API and the UI alike.
/// </summary>
public sealed class CredentialSubmission
{
    private CredentialSubmission(
        ProviderDefinition provider,
        IReadOnlyDictionary<string, string?> values,
        IReadOnlyDictionary<string, string> storedSettings,
        IReadOnlySet<string> savedSecrets)
    {
        Provider = provider;
        Values = values;
        StoredSettings = storedSettings;
        SavedSecrets = savedSecrets;
    }

    public ProviderDefinition Provider { get; }

    /// <summary>The submitted values, trimmed; a blank value is null.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; }

    public IReadOnlyDictionary<string, string> StoredSettings { get; }
    public IReadOnlySet<string> SavedSecrets { get; }

    public static CredentialSubmission Create(
        ProviderDefinition provider,
        IReadOnlyDictionary<string, string?> submitted,
        IReadOnlyDictionary<string, string>? storedSettings = null,
        IReadOnlySet<string>? savedSecrets = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, raw) in submitted)
        {
            var trimmed = raw?.Trim();
            values[name] = string.IsNullOrEmpty(trimmed) ? null : trimmed;
        }

        return new CredentialSubmission(provider, values, storedSettings ?? new Dictionary<string, string>(), savedSecrets ?? new HashSet<string>());
    }

    public string? Value(string name) => Values.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<string> UnknownNames => Values.Keys.Where(name => Provider.FindField(name) is null);

    /// <summary>A field that decides where secrets are sent differs from the stored value.</summary>
    public string? ChangedRoutingField => Provider.RoutingFields.FirstOrDefault(name =>
        SavedSecrets.Count > 0 &&
        !string.Equals(Value(name) ?? string.Empty, StoredSettings.GetValueOrDefault(name) ?? string.Empty, StringComparison.OrdinalIgnoreCase));

    /// <summary>The field is left blank and a saved secret will be kept.</summary>
    public bool KeepsSavedSecret(string name) =>
        Value(name) is null && SavedSecrets.Contains(name) && ChangedRoutingField is null;
}
