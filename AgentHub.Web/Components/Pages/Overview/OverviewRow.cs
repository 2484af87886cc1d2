using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Web.Components.Pages.Overview;

/// <summary>One integration of one agent in the overview table.</summary>
public sealed record OverviewRow(AgentDefinition Agent, IntegrationView Integration, CallUsage Usage);
