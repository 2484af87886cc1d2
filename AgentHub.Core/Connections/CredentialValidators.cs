using System.Collections.Concurrent;
using System.Globalization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;

namespace AgentHub.Core.Connections;

/// <summary>
/// One validator per provider and language, built once from the catalog and shared (validators are stateless). Per
/// language because its messages name the fields by their labels, which the catalog translates: the provider passed
/// in is the catalog's as the current culture reads it.
/// </summary>
public sealed class CredentialValidators
{
    private readonly ConcurrentDictionary<(string Language, string ProviderId), CredentialSubmissionValidator> _validators = new();

    public CredentialSubmissionValidator For(ProviderDefinition provider) =>
        _validators.GetOrAdd((Languages.Normalize(CultureInfo.CurrentUICulture.Name) ?? Languages.English, provider.Id), _ => new CredentialSubmissionValidator(provider));
}
