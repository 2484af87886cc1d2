using System.Globalization;
using System.Resources;
using AgentHub.Core.Common;

namespace AgentHub.Core.Connections;

/// <summary>
/// The sentence of each outcome, in English and French (OutcomeSentences.resx, OutcomeSentences.fr.resx). A stored
/// status message that is one of these generic sentences, in any language, is shown again in the reader's language; a
/// specific detail (a provider's own words, a missing scope) is shown as it was written.
/// </summary>
public static class OutcomeSentences
{
    private static readonly ResourceManager Resources = new(typeof(OutcomeSentences));

    public static string Of(OutcomeReason reason, string providerName, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var template = Resources.GetString(reason.ToCode(), culture)
            ?? throw new InvalidOperationException($"No sentence for the outcome {reason.ToCode()}.");
        return string.Format(culture, template, providerName);
    }

    /// <summary>The stored message in the current language when it is a generic outcome sentence; else as stored.</summary>
    public static string? InCurrentLanguage(string? stored, OutcomeReason? reason, string providerName)
    {
        if (stored is null || reason is not { } known)
        {
            return stored;
        }

        foreach (var language in Languages.Supported)
        {
            if (stored == Of(known, providerName, CultureInfo.GetCultureInfo(language)))
            {
                return Of(known, providerName);
            }
        }

        return stored;
    }
}
