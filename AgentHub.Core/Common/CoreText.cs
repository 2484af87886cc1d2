using System.Globalization;
using System.Resources;

namespace AgentHub.Core.Common;

/// <summary>
/// The sentences Core writes for people (validation messages, refusals, conflicts, statuses), in English and French
/// (CoreText.resx, CoreText.fr.resx). Read in the current UI culture: a page's circuit speaks the person's language, the
/// REST API forces English. Validators read them lazily (<c>WithMessage(_ =&gt; CoreText.Get(...))</c>): most are
/// singletons built once, in whatever culture was current then.
/// </summary>
public static class CoreText
{
    private static readonly ResourceManager Resources = new(typeof(CoreText));

    /// <summary>The text of <paramref name="key"/> in the current UI culture, its placeholders formatted in the current culture.</summary>
    public static string Get(string key, params object?[] args) =>
        Format(CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture, key, args);

    /// <summary>
    /// The English text of <paramref name="key"/>, whatever the culture: for what is stored as data and read as it was
    /// written (an audit detail, a delivery's skipped reasons), and what scripts compare.
    /// </summary>
    public static string English(string key, params object?[] args) =>
        Format(CultureInfo.InvariantCulture, CultureInfo.InvariantCulture, key, args);

    /// <summary>
    /// A stored sentence that is the text of one of <paramref name="keys"/> (with <paramref name="args"/>) in a language
    /// AgentHub speaks, again in the current language; any other text as it was stored (a provider's own words).
    /// </summary>
    public static string? InCurrentLanguage(string? stored, IReadOnlyList<string> keys, params object?[] args)
    {
        if (stored is null)
        {
            return null;
        }

        foreach (var key in keys)
        {
            foreach (var language in Languages.Supported)
            {
                var culture = CultureInfo.GetCultureInfo(language);
                if (stored == Format(culture, culture, key, args))
                {
                    return Get(key, args);
                }
            }
        }

        return stored;
    }

    /// <summary>Whether <paramref name="key"/> is one of Core's sentences (a stored key from an older version may not be).</summary>
    public static bool Has(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) is not null;

    private static string Format(CultureInfo language, CultureInfo formatting, string key, object?[] args)
    {
        var template = Resources.GetString(key, language)
            ?? throw new InvalidOperationException($"CoreText has no text for the key {key}.");
        return args.Length == 0 ? template : string.Format(formatting, template, args);
    }
}
