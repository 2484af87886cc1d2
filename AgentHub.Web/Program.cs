using AgentHub.Core;
using AgentHub.Core.Data;
using AgentHub.Integrations;
using AgentHub.Web;
using AgentHub.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.UseRootSettingsFile();

builder.Services.AddAgentHubCore(builder.Configuration);
builder.Services.AddAgentHubIntegrations(builder.Configuration);
builder.Services.AddAgentHubWeb();

var app = builder.Build();
await app.Services.InitializeAgentHubDatabaseAsync();

app.UseAgentHubPipeline();
app.MapAgentHub();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
