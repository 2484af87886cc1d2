using AgentHub.Core.Catalog;
using AgentHub.Core.Common;

namespace AgentHub.Core.Connections;

/// <summary>Turns catalog entries and stored connections into the views the API and the pages show (never a secret value).</summary>
public sealed class IntegrationViewMapper(IIntegrationCatalog catalog)
{
    public AgentIntegrationsView ToView(
        AgentDefinition agent, IReadOnlyDictionary<string, Connection> connections, IReadOnlySet<string> oauthAvailable) =>
        new(agent.Id, agent.Name, agent.Role, agent.Integrations
            .Select(link => ToView(agent, link, catalog.FindProvider(link.ProviderId)!, connections.GetValueOrDefault(link.ProviderId), oauthAvailable))
            .ToList());

    /// <param name="oauthAvailable">The providers that can be connected with OAuth in this workspace.</param>
    public IntegrationView ToView(
        AgentDefinition agent, AgentIntegration link, ProviderDefinition provider, Connection? connection, IReadOnlySet<string> oauthAvailable)
    {
        var configured = connection?.IsConfigured == true;
        var settings = configured ? ConnectionSettings.Read(connection) : new Dictionary<string, string>();
        var secrets = configured ? ConnectionSettings.SecretNames(connection) : new HashSet<string>();
        var fields = provider.Fields.Select(f => new CredentialFieldView(
            f.Name,
            f.Label,
            f.TypeName,
            f.Required,
            f.Help,
            f.Placeholder,
            f.Options,
            f.IsSecret ? secrets.Contains(f.Name) : settings.ContainsKey(f.Name),
            f.IsSecret ? null : settings.GetValueOrDefault(f.Name))).ToList();

        return new IntegrationView(
            provider.Id,
            provider.Name,
            provider.Icon,
            link.Description,
            provider.Category,
            provider.DocsUrl,
            connection?.Status ?? ConnectionStatus.Disconnected,
            configured,
            connection?.StatusReason,
            StatusMessage(connection, provider.Name),
            connection?.ProviderMessage,
            connection?.LastTestedAt,
            connection?.LastConnectedAt,
            connection?.UpdatedAt,
            catalog.AgentsUsing(provider.Id).Where(a => a.Id != agent.Id).Select(a => a.Id).ToList(),
            fields,
            connection is null ? null : FormatVersion(connection.Version),
            configured ? connection!.AuthMethod : ConnectionAuthMethod.Credentials,
            provider.OAuth is not null,
            provider.OAuth is not null && oauthAvailable.Contains(provider.Id),
            configured ? connection!.AccessTokenExpiresAt : null,
            configured ? connection!.AccountName : null);
    }

    /// <summary>
    /// The connection's status message in the reader's language when it is one of AgentHub's own sentences (an outcome,
    /// "Saved. Test the connection…", an authorization that cannot be renewed), written in whoever's language wrote it;
    /// a specific detail (a provider's own words) as it was stored.
    /// </summary>
    public static string? StatusMessage(Connection? connection, string providerName) =>
        CoreText.InCurrentLanguage(
            OutcomeSentences.InCurrentLanguage(connection?.StatusMessage, connection?.StatusReason, providerName),
            StoredSentences,
            providerName);

    /// <summary>The <see cref="CoreText"/> sentences a connection stores as its status message, each naming the provider.</summary>
    private static readonly string[] StoredSentences = ["Connections_Saved", "OAuth_Authorized", "OAuth_ExpiredNoRenewal", "OAuth_NoAppAnyMore", "Checks_NotWhatAValidKeyGets"];

    /// <summary>A version as the API writes it (the ETag's value).</summary>
    public static string FormatVersion(Guid version) => version.ToString("N");
}
