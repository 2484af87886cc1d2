using AgentHub.Core.Accounts;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;

namespace AgentHub.Web.Endpoints;

public sealed record AntiforgeryTokenResponse(string RequestToken, string HeaderName);
