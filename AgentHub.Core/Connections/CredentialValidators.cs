using System.Collections.Concurrent;
using AgentHub.Core.Catalog;

namespace AgentHub.Core.Connections;

/// <summary>One validator per provider, built once from the catalog and shared (validators are stateless).</summary>
public sealed class CredentialValidators
{
    private readonly ConcurrentDictionary<string, CredentialSubmissionValidator> _validators = new();

    public CredentialSubmissionValidator For(ProviderDefinition provider) =>
        _validators.GetOrAdd(provider.Id, _ => new CredentialSubmissionValidator(provider));
}
