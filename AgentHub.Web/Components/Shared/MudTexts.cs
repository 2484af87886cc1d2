using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AgentHub.Web.Components.Shared;

/// <summary>MudBlazor's own texts (close buttons, pagers, "Required"), in MudTexts.resx and MudTexts.fr.resx.</summary>
public sealed class MudTexts;

/// <summary>
/// Gives MudBlazor the French of its texts: its interceptor keeps its built-in English for English, and asks this
/// localizer for any other language; a key we lack falls back to MudBlazor's English.
/// </summary>
public sealed class MudTextsLocalizer(IStringLocalizer<MudTexts> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
