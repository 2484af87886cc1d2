using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Core.Tasks;

/// <summary>The sentence an approver reads: the action's catalog preview filled with the arguments and non-secret settings.</summary>
public static class ApprovalPreview
{
    public static string Render(ActionDefinition action, ProviderDefinition provider, JsonObject arguments, string? settingsJson)
    {
        var settings = ConnectionSettings.Read(settingsJson);
        var template = action.Preview ?? $"Run {action.ToolName}";
        var rendered = System.Text.RegularExpressions.Regex.Replace(template, @"\{([a-z_][a-z0-9_]*)\}", m =>
        {
            var name = m.Groups[1].Value;
            if (arguments.TryGetPropertyValue(name, out var value) && value is not null)
            {
                return value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
            }

            if (provider.FindField(name) is { } field)
            {
                // Only fields that are not secret may appear (the catalog validator refuses a preview naming a secret).
                return !field.IsSecret && settings.TryGetValue(name, out var setting) ? setting : "(not set)";
            }

            return ""; // an optional argument the model left out
        });
        return System.Text.RegularExpressions.Regex.Replace(rendered, @"[ \t]{2,}", " ").Trim();
    }
}
