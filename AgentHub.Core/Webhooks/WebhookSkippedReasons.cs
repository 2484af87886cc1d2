using AgentHub.Core.Common;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Why matching rules started no task for a delivery. Stored in English ("skipped: task budget; ..."), as the processor
/// writes it in the background and the API returns it; shown again in the reader's language.
/// </summary>
public static class WebhookSkippedReasons
{
    public const string AuthorMayNotManage = "Webhooks_SkippedAuthor";
    public const string NotAnIdentifier = "Webhooks_SkippedNotIdentifier";
    public const string TaskBudget = "Webhooks_SkippedBudget";
    public const string AiBudget = "Webhooks_SkippedAiBudget";

    private static readonly string[] Reasons = [AuthorMayNotManage, NotAnIdentifier, TaskBudget, AiBudget];

    /// <summary>The stored form of the reasons (keys above), or null when there is none.</summary>
    public static string? Store(IReadOnlyCollection<string> reasons) => reasons.Count == 0
        ? null
        : CoreText.English("Webhooks_Skipped", string.Join(CoreText.English("Webhooks_SkippedSeparator"), reasons.Distinct().Select(r => CoreText.English(r))));

    /// <summary>A stored reason in the current language; one this version did not write, as stored.</summary>
    public static string? InCurrentLanguage(string? stored)
    {
        var prefix = CoreText.English("Webhooks_Skipped", "");
        if (stored is null || !stored.StartsWith(prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var keys = new List<string>();
        foreach (var part in stored[prefix.Length..].Split(CoreText.English("Webhooks_SkippedSeparator")))
        {
            if (Reasons.FirstOrDefault(r => CoreText.English(r) == part) is not { } key)
            {
                return stored;
            }

            keys.Add(key);
        }

        return CoreText.Get("Webhooks_Skipped", string.Join(CoreText.Get("Webhooks_SkippedSeparator"), keys.Select(k => CoreText.Get(k))));
    }
}
