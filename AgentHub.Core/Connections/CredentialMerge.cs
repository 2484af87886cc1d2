using AgentHub.Core.Catalog;

namespace AgentHub.Core.Connections;

/// <summary>
/// Submitted credentials beside what a connection stores: the one way configure stores them and test-values checks
/// them, so a test judges exactly the values a save would keep. Typed credentials keep their saved values (an OAuth
/// connection's token is not a typed secret to keep); a secret left blank is the saved one, unless a field that decides
/// where secrets are sent changed.
/// </summary>
internal static class CredentialMerge
{
    /// <summary>The connection holds typed credentials, whose saved values a blank field keeps.</summary>
    public static bool KeepsTypedValues(Connection? connection) =>
        connection is { IsConfigured: true, AuthMethod: ConnectionAuthMethod.Credentials };

    /// <summary>The submission to validate, beside the stored settings and saved secret names it is judged against.</summary>
    public static CredentialSubmission Submission(ProviderDefinition provider, IReadOnlyDictionary<string, string?> credentials, Connection? connection)
    {
        var typed = KeepsTypedValues(connection);
        var stored = typed ? ConnectionSettings.Read(connection) : new Dictionary<string, string>();
        var savedSecrets = typed ? ConnectionSettings.SecretNames(connection) : new HashSet<string>();
        return CredentialSubmission.Create(provider, credentials, stored, savedSecrets);
    }

    /// <summary>
    /// The settings and secrets a valid submission comes to: the submitted values (choices lower-cased) and the saved
    /// secrets it keeps, decrypted (never log them).
    /// </summary>
    public static (Dictionary<string, string> Settings, Dictionary<string, string> Secrets) Values(
        ProviderDefinition provider, CredentialSubmission submission, Connection? connection, ConnectionSecretProtector protector, Guid workspaceId)
    {
        var secrets = KeepsTypedValues(connection) && connection!.ProtectedSecrets is { } existing
            ? protector.Unprotect(workspaceId, provider.Id, existing)
            : new Dictionary<string, string>();
        var settings = new Dictionary<string, string>();
        foreach (var field in provider.Fields)
        {
            var value = submission.Value(field.Name);
            if (field.IsSecret)
            {
                if (value is not null)
                {
                    secrets[field.Name] = value;
                }
                else if (!submission.KeepsSavedSecret(field.Name))
                {
                    secrets.Remove(field.Name);
                }
            }
            else if (value is not null)
            {
                settings[field.Name] = field.Options is { Count: > 0 } ? value.ToLowerInvariant() : value;
            }
        }

        return (settings, secrets);
    }
}
