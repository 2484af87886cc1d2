using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using Json.Pointer;
using Microsoft.AspNetCore.WebUtilities;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Splits a verified delivery into events as the catalog says: a JSON array is a batch (HubSpot, SendGrid) of one
/// event per element; a form body (Mailchimp) is read as an object of its fields. The event id, type and subject are
/// found with the catalog's JSON pointers; with no id, the SHA-256 of the event's bytes is the key, so a retried
/// delivery is the same event.
/// </summary>
public static class WebhookEventReader
{
    public static IReadOnlyList<WebhookEvent> Read(WebhookDefinition hook, ReadOnlyMemory<byte> body, string? contentType)
    {
        var text = Encoding.UTF8.GetString(body.Span);
        JsonNode? root = null;
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = new JsonObject();
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                form[key] = value.ToString();
            }

            root = form;
        }
        else
        {
            try
            {
                root = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON: kept whole, keyed by its hash.
            }
        }

        if (hook.Batch && root is JsonArray batch)
        {
            return batch.Where(e => e is not null).Select(e => Describe(hook, e, e!.ToJsonString())).ToList();
        }

        return [Describe(hook, root, text)];
    }

    private static WebhookEvent Describe(WebhookDefinition hook, JsonNode? node, string payload)
    {
        var id = First(node, hook.EventId, WebhookDelivery.MaxEventIdLength - 8)
            ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
        var type = First(node, hook.EventType, WebhookDelivery.MaxEventTypeLength + (hook.EventTypePrefix?.Length ?? 0));
        if (type is not null && hook.EventTypePrefix is { } prefix && type.StartsWith(prefix, StringComparison.Ordinal))
        {
            type = type[prefix.Length..];
        }

        return new WebhookEvent(id, type is null ? null : Bound(type, WebhookDelivery.MaxEventTypeLength),
            First(node, hook.SubjectId, WebhookDelivery.MaxSubjectLength), payload);
    }

    /// <summary>The first pointer that finds a string or a number, as text (longer values count as missing).</summary>
    private static string? First(JsonNode? node, IReadOnlyList<string> pointers, int maxLength)
    {
        if (node is null)
        {
            return null;
        }

        foreach (var text in pointers)
        {
            if (JsonPointer.TryParse(text, out var pointer) && pointer!.TryEvaluate(node, out var found) && found is JsonValue value)
            {
                var result = value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.ToJsonString(),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(result) && result.Length <= maxLength)
                {
                    return result;
                }
            }
        }

        return null;
    }

    private static string Bound(string value, int max) => value.Length <= max ? value : value[..max];
}
