using AgentHub.Core;
using AgentHub.Core.Data;
using AgentHub.Integrations;
using AgentHub.Web;
using AgentHub.Web.Infrastructure;
using AgentHub.Web.Mcp;
using AgentHub.Web.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootSettingsFile();
// Request URLs, Data Protection keys and AI tool arguments and results never reach a log, whatever the configuration.
builder.Services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<LoggerFilterOptions>, SensitiveLogFloor>();

builder.Services.AddAgentHubCore(builder.Configuration);
builder.Services.AddAgentHubIntegrations(builder.Configuration);
builder.Services.AddAgentHubAuth(builder.Configuration);
builder.Services.AddAgentHubMcp();
builder.Services.AddAgentHubTelemetry(builder.Configuration);
builder.Services.AddAgentHubWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeAgentHubDatabaseAsync();
await app.Services.EnsureBootstrapAdminAsync();

app.UseAgentHubPipeline();
app.MapAgentHub();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
