using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Pages.Tasks;

/// <summary>
/// An approval as a person reads it, for the approval card, the inbox and the task timeline: the action's title and
/// preview from the catalog in the reader's language, the image it would publish (https only), its arguments with
/// labels, and the link to what an executed write created.
/// </summary>
public static class ApprovalPresentation
{
    /// <summary>As long as the preview recorded when the write was asked (every argument is listed in full below it).</summary>
    public const int MaxPreviewLength = 1999;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Shown as text (HTML-encoded by the renderer), so accents and quotes may stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>"Publish on Instagram": the catalog's title of the action, else the provider's name.</summary>
    public static string Title(IIntegrationCatalog catalog, ApprovalView approval) =>
        catalog.FindTool(approval.Tool)?.Title ?? approval.ProviderName;

    /// <summary>The catalog's preview rendered in the current language; the recorded one when the action is no longer in the catalog.</summary>
    public static string Preview(IIntegrationCatalog catalog, ApprovalView approval, string? settingsJson)
    {
        if (catalog.FindTool(approval.Tool) is not { } action ||
            catalog.FindProvider(action.ProviderId) is not { } provider ||
            approval.Arguments.ValueKind != JsonValueKind.Object ||
            JsonNode.Parse(approval.Arguments.GetRawText()) is not JsonObject arguments)
        {
            return approval.Preview;
        }

        return Text.Shorten(ApprovalPreview.Render(action, provider, arguments, settingsJson, approval.AccountName), MaxPreviewLength);
    }

    /// <summary>
    /// The image the action would publish (its catalog `image_argument`), or null. Only an https URL is loaded: the
    /// model chose it, so anything else (http, javascript:, a relative path) is shown as text only.
    /// </summary>
    public static Uri? Image(ActionDefinition? action, JsonElement arguments) =>
        action?.ImageArgument is { } name &&
        arguments.ValueKind == JsonValueKind.Object &&
        arguments.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String &&
        Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) &&
        uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : null;

    /// <summary>The link to what an executed write created, or null (not executed, no `result_link`, or a value missing).</summary>
    public static Uri? ResultLink(IIntegrationCatalog catalog, ApprovalView approval, string? settingsJson) =>
        approval.Status == ApprovalStatus.Executed && catalog.FindTool(approval.Tool) is { } action
            ? ApprovalPreview.ResultLink(action, approval.Result, settingsJson)
            : null;

    /// <summary>Every argument, in the order of the action's schema (those the schema does not name last).</summary>
    public static IReadOnlyList<JsonProperty> Arguments(ActionDefinition? action, JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var order = new List<string>();
        if (action is not null &&
            action.Parameters.ValueKind == JsonValueKind.Object &&
            action.Parameters.TryGetProperty("properties", out var properties) &&
            properties.ValueKind == JsonValueKind.Object)
        {
            order.AddRange(properties.EnumerateObject().Select(p => p.Name));
        }

        return arguments.EnumerateObject().OrderBy(p => Position(order, p.Name)).ToList();
    }

    private static int Position(List<string> order, string name)
    {
        var index = order.IndexOf(name);
        return index >= 0 ? index : int.MaxValue;
    }

    /// <summary>The argument's label ("Caption", "Légende"), or null when the texts have none for it (then its name is shown).</summary>
    public static string? Label(IStringLocalizer<TasksText> texts, string name)
    {
        var label = texts["Argument_" + name];
        return label.ResourceNotFound ? null : label.Value;
    }

    /// <summary>
    /// An argument's value as a person reads it: text as written, a number in the reader's culture, a yes/no in words
    /// (with the meaning of that flag when the texts say it, such as a public reply), anything else as JSON.
    /// </summary>
    public static string Value(IStringLocalizer<TasksText> texts, JsonProperty argument)
    {
        var value = argument.Value;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() ?? "";
            case JsonValueKind.True:
            case JsonValueKind.False:
                var flag = value.ValueKind == JsonValueKind.True;
                var meaning = texts["ArgumentValue_" + argument.Name + (flag ? "_true" : "_false")];
                return meaning.ResourceNotFound ? texts[flag ? "Yes" : "No"].Value : meaning.Value;
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return number.ToString(CultureInfo.CurrentCulture);
            default:
                return value.GetRawText();
        }
    }

    /// <summary>The arguments as the call carries them, indented, for the curious.</summary>
    public static string RawArguments(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Undefined ? "" : JsonSerializer.Serialize(arguments, Indented);
}
