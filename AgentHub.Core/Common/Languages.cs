using System.Globalization;

namespace AgentHub.Core.Common;

/// <summary>The languages AgentHub speaks. English is the default and the API's language.</summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr";

    public static readonly IReadOnlyList<string> Supported = [English, French];

    /// <summary>The supported language a culture name or language tag designates ("fr-FR" is "fr"), or null.</summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var dash = tag.IndexOfAny(['-', '_']);
        var language = (dash > 0 ? tag[..dash] : tag).Trim().ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    /// <summary>The language's own name, as a language menu shows it.</summary>
    public static string NativeName(string language) => language switch
    {
        French => "Français",
        _ => "English",
    };

    /// <summary>
    /// English on the current execution flow, whatever the server's locale: for background work (what it stores and
    /// what the model reads is English data, shown again in each reader's language) and for the REST API (a contract).
    /// </summary>
    public static void UseEnglish()
    {
        var english = CultureInfo.GetCultureInfo(English);
        CultureInfo.CurrentCulture = english;
        CultureInfo.CurrentUICulture = english;
    }

    /// <summary>The language's English name, as the model is told.</summary>
    public static string EnglishName(string language) => CultureInfo.GetCultureInfo(language).EnglishName;
}
