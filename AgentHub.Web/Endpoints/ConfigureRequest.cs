using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>The body of configure: credential field names to values.</summary>
public sealed record ConfigureRequest(Dictionary<string, string?>? Credentials);
