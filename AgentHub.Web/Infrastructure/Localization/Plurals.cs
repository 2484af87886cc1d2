using System.Globalization;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>
/// The resource key for a count: "{key}One" when the current language says the count in the singular (English: 1;
/// French: 0 and 1), else the key itself. Both resources exist in both languages.
/// </summary>
public static class Plurals
{
    public static string Key(string key, long count) => IsSingular(count, CultureInfo.CurrentUICulture) ? key + "One" : key;

    public static bool IsSingular(long count, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" ? count is 0 or 1 : count == 1;
}
