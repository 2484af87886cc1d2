using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Web.Components.Pages.Overview;

/// <summary>One integration of one agent in the overview table; <paramref name="Events24h"/> is null for a provider that sends no webhooks.</summary>
public sealed record OverviewRow(AgentDefinition Agent, IntegrationView Integration, CallUsage Usage, int? Events24h = null);
