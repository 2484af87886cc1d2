using System.Globalization;

namespace AgentHub.Tests.Infrastructure;

/// <summary>Runs the rest of a test in a culture (both the formats and the UI language), and puts the old one back.</summary>
public sealed class TestCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private TestCulture(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public static TestCulture Use(CultureInfo culture) => new(culture);

    public static TestCulture Use(string name) => new(CultureInfo.GetCultureInfo(name));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
