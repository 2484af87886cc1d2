using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Integrations.Checks;

/// <summary>
/// Turns a provider's answer into exactly one <see cref="OutcomeReason"/> and a sentence, following the catalog:
/// provider-specific error rules first, then 401/403, 429 and 5xx, then the success rules (status and identity fields,
/// then the access the agent needs). Provider messages are sanitised: secrets removed, control characters dropped, bounded.
/// </summary>
public static partial class OutcomeClassifier
{
    public const int MaxProviderMessageLength = 200;

    public static VerificationOutcome Classify(
        ProviderCheck check,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyList<string> secrets,
        HttpStatusCode status,
        TimeSpan? retryAfter,
        string body)
    {
        var provider = check.Provider;
        var spec = check.Spec;
        var code = (int)status;
        using var json = TryParse(body);
        var providerMessage = ProviderMessage(spec, json?.RootElement, body, secrets);

        VerificationOutcome Outcome(OutcomeReason reason, string? detail = null, string? field = null) => new(
            reason,
            detail ?? reason.Sentence(provider.Name),
            reason == OutcomeReason.Ok ? null : providerMessage,
            code,
            reason == OutcomeReason.RateLimited ? retryAfter : null,
            Field: field ?? (reason == OutcomeReason.AuthInvalid ? provider.SecretFields.FirstOrDefault()?.Name : null));

        foreach (var rule in spec.Errors)
        {
            if (Matches(rule, code, json?.RootElement, body))
            {
                return Outcome(rule.Reason, field: rule.Field);
            }
        }

        if (code is 401 or 403)
        {
            return Outcome(OutcomeReason.AuthInvalid);
        }

        if (code == 429)
        {
            return Outcome(OutcomeReason.RateLimited);
        }

        if (code != spec.SuccessStatus)
        {
            var detail = code is >= 300 and < 400
                ? CoreText.Get("Checks_Redirect", provider.Name, code)
                : null;
            return Outcome(OutcomeReason.ProviderError, detail);
        }

        if (spec.Body == CheckBody.Text)
        {
            return spec.TextPattern is { } pattern && Regex.IsMatch(body, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100))
                ? Outcome(OutcomeReason.Ok)
                : Outcome(OutcomeReason.ProviderError, CoreText.Get("Checks_NotWhatAValidKeyGets", provider.Name));
        }

        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Outcome(OutcomeReason.ProviderError, CoreText.Get("Checks_NoJson", provider.Name, code));
        }

        if (spec.Expect.Any(rule => !Holds(rule, json.RootElement, values)))
        {
            return Outcome(OutcomeReason.ProviderError, CoreText.Get("Checks_NoAccountDetails", provider.Name, code));
        }

        var missing = spec.Grants.FirstOrDefault(rule => !Holds(rule, json.RootElement, values));
        if (missing is not null)
        {
            var detail = missing.Message is { } m ? Render(m, values) : OutcomeReason.PermissionMissing.Sentence(provider.Name);
            return Outcome(OutcomeReason.PermissionMissing, detail, missing.Field);
        }

        return Outcome(OutcomeReason.Ok) with { AccountName = AccountNameOf(spec, json.RootElement, secrets) };
    }

    /// <summary>The account's name from a successful answer (catalog `account_name`), sanitised like provider text.</summary>
    private static string? AccountNameOf(CheckSpec spec, JsonElement root, IReadOnlyList<string> secrets) =>
        spec.AccountName is { } path && Select(root, path).Select(AsText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) is { } name
            ? Text(Sanitize(name, secrets), Core.Connections.Connection.MaxAccountNameLength)
            : null;

    private static string? Text(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];

    /// <summary>Removes secrets and their altered echoes (<see cref="SecretRedactor"/>), control characters and excess length from provider text.</summary>
    public static string? Sanitize(string? text, IReadOnlyList<string> secrets)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = SecretRedactor.Redact(text, secrets);

        var builder = new StringBuilder(Math.Min(clean.Length, MaxProviderMessageLength + 1));
        foreach (var c in clean)
        {
            // Format characters (bidirectional overrides and isolates) could reorder the sentence an approver reads.
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? ' ' : c);
        }

        clean = Whitespace().Replace(builder.ToString(), " ").Trim();
        return clean.Length == 0 ? null
            : clean.Length <= MaxProviderMessageLength ? clean
            : clean[..MaxProviderMessageLength] + "…";
    }

    private static string? ProviderMessage(CheckSpec spec, JsonElement? root, string body, IReadOnlyList<string> secrets)
    {
        if (root is { } element)
        {
            foreach (var path in spec.MessagePaths)
            {
                var text = Select(element, path).Select(AsText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
                if (text is not null)
                {
                    return Sanitize(text, secrets);
                }
            }

            return null;
        }

        // Plain-text answers (SEMrush) carry their error as the body itself.
        return spec.Body == CheckBody.Text && body.TrimStart().StartsWith("ERROR", StringComparison.Ordinal) ? Sanitize(body, secrets) : null;
    }

    private static bool Matches(ErrorRule rule, int code, JsonElement? root, string body)
    {
        if (rule.Status is { } status && status != code)
        {
            return false;
        }

        if (rule.TextPrefix is { } prefix)
        {
            return body.TrimStart().StartsWith(prefix, StringComparison.Ordinal);
        }

        return rule.Path is { } path && root is { } element && rule.In is { } accepted &&
               Select(element, path).Select(AsText).Any(v => v is not null && accepted.Contains(v));
    }

    private static bool Holds(BodyRule rule, JsonElement root, IReadOnlyDictionary<string, string> values)
    {
        var selected = Select(root, rule.Path).ToList();
        if (rule.HasKey is { } key)
        {
            var wanted = Render(key, values);
            return selected.Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(wanted, out _));
        }

        if (rule.Contains is { } contains)
        {
            var wanted = Render(contains, values);
            return selected.Select(AsText).Any(v => v == wanted);
        }

        if (rule.EqualTo is { } equals)
        {
            var wanted = Render(equals, values);
            return selected.Count > 0 && selected.Select(AsText).All(v => v == wanted);
        }

        if (rule.Array)
        {
            return selected.Count == 1 && selected[0].ValueKind == JsonValueKind.Array;
        }

        return selected.Count > 0 && selected.All(e => e.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined));
    }

    /// <summary>Follows a dotted path; `name[]` (or a leading `[]`) flattens an array.</summary>
    internal static IEnumerable<JsonElement> Select(JsonElement root, string path)
    {
        IEnumerable<JsonElement> current = [root];
        foreach (var segment in path.Split('.'))
        {
            var flatten = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = flatten ? segment[..^2] : segment;
            current = current.SelectMany(element =>
            {
                var next = element;
                if (name.Length > 0)
                {
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out next))
                    {
                        return [];
                    }
                }

                if (!flatten)
                {
                    return (IEnumerable<JsonElement>)[next];
                }

                return next.ValueKind == JsonValueKind.Array ? next.EnumerateArray().ToList() : [];
            }).ToList();
        }

        return current;
    }

    internal static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        CatalogTemplates.Render(template, values.GetValueOrDefault);

    private static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Whitespace();
}
