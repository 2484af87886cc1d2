using System.Net;
using System.Net.Sockets;
using AgentHub.Core.Connections;
using AgentHub.Integrations;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace AgentHub.Tests.Integrations;

/// <summary>A fixed <see cref="IOptionsMonitor{TOptions}"/> for unit tests.</summary>
internal sealed class StaticOptions(IntegrationsOptions value) : IOptionsMonitor<IntegrationsOptions>
{
    public IntegrationsOptions CurrentValue => value;
    public IntegrationsOptions Get(string? name) => value;
    public IDisposable? OnChange(Action<IntegrationsOptions, string?> listener) => null;
}
