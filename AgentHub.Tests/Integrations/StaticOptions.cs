using AgentHub.Integrations;
using Microsoft.Extensions.Options;

namespace AgentHub.Tests.Integrations;

/// <summary>A fixed <see cref="IOptionsMonitor{TOptions}"/> for unit tests.</summary>
internal sealed class StaticOptions(IntegrationsOptions value) : IOptionsMonitor<IntegrationsOptions>
{
    public IntegrationsOptions CurrentValue => value;
    public IntegrationsOptions Get(string? name) => value;
    public IDisposable? OnChange(Action<IntegrationsOptions, string?> listener) => null;
}
