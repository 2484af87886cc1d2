namespace AgentHub.Web.Components.Shared;

/// <summary>
/// The texts every page shares (generic words such as Cancel and Save, connection and task statuses, outcome reasons)
/// and those of the shared components and services, in SharedText.resx and SharedText.fr.resx.
/// </summary>
public sealed class SharedText;
