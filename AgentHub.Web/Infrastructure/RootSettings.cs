using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// The repository root's appsettings.json is the one settings file. It is copied beside the binaries (and into the
/// publish folder); when the content root has no appsettings.json (as under `dotnet run --project AgentHub.Web`),
/// the copy beside the binaries takes the default file's place, keeping its precedence below environment variables.
/// </summary>
internal static class RootSettings
{
    public static void UseRootSettingsFile(this WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
        {
            return;
        }

        IConfigurationBuilder configuration = builder.Configuration;
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0)
        {
            sources[index] = source;
        }
        else
        {
            sources.Insert(0, source);
        }
    }
}
