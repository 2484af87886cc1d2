using AgentHub.Core;
using AgentHub.Core.Data;
using AgentHub.Integrations;
using AgentHub.Web;
using AgentHub.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootSettingsFile();
// At Debug level the key repository logs each Data Protection key's XML, master key included: never let that through.
builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Information);
// Request URLs (an OAuth callback's code and state, an invitation token) never reach a log.
builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, RequestUrlLogFloor>();

builder.Services.AddAgentHubCore(builder.Configuration);
builder.Services.AddAgentHubIntegrations(builder.Configuration);
builder.Services.AddAgentHubAuth(builder.Configuration);
builder.Services.AddAgentHubWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeAgentHubDatabaseAsync();
await app.Services.EnsureBootstrapAdminAsync();

app.UseAgentHubPipeline();
app.MapAgentHub();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
