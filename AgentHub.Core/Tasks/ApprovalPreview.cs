using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Core.Tasks;

/// <summary>
/// The sentence an approver reads: the action's catalog preview (in the catalog's language of the moment) filled with
/// the arguments, the non-secret settings and `{account}`, the connected account's name; and the link to what an
/// executed write created.
/// </summary>
public static partial class ApprovalPreview
{
    public static string Render(ActionDefinition action, ProviderDefinition provider, JsonObject arguments, string? settingsJson, string? accountName)
    {
        var settings = ConnectionSettings.Read(settingsJson);
        var template = action.Preview ?? action.Title;
        var rendered = CatalogPlaceholders.Name().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            if (name == "account")
            {
                return string.IsNullOrWhiteSpace(accountName) ? provider.Name : accountName;
            }

            if (arguments.TryGetPropertyValue(name, out var value) && value is not null)
            {
                return value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
            }

            if (provider.FindField(name) is { } field)
            {
                // Only fields that are not secret may appear (the catalog validator refuses a preview naming a secret).
                return !field.IsSecret && settings.TryGetValue(name, out var setting) ? setting : "";
            }

            return ""; // an optional argument the model left out
        });
        return Spaces().Replace(rendered, " ").Trim();
    }

    /// <summary>
    /// The https link to what an executed write created (catalog `result_link`), or null when the action has none or
    /// a value it needs is missing. Values are escaped as URL path data, so a provider's answer cannot change the host.
    /// </summary>
    public static Uri? ResultLink(ActionDefinition action, string? resultJson, string? settingsJson)
    {
        if (action.ResultLink is not { } template || string.IsNullOrEmpty(resultJson))
        {
            return null;
        }

        JsonElement result;
        try
        {
            result = JsonDocument.Parse(resultJson).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }

        var settings = ConnectionSettings.Read(settingsJson);
        var missing = false;
        var link = CatalogPlaceholders.NameOrResultPath().Replace(template, m =>
        {
            var name = m.Groups[1].Value;
            var value = name.StartsWith("result.", StringComparison.Ordinal)
                ? Find(result, name["result.".Length..])
                : settings.GetValueOrDefault(name);
            missing |= string.IsNullOrEmpty(value);
            return Uri.EscapeDataString(value ?? "");
        });
        return !missing && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;
    }

    private static string? Find(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            _ => null,
        };
    }

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex Spaces();
}
