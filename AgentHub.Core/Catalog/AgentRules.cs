using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Catalog;

/// <summary>The rule every request naming a helper shares: an id is given, and the catalog knows it.</summary>
public static class AgentRules
{
    public static IRuleBuilderOptions<T, string?> KnownAgent<T>(this IRuleBuilder<T, string?> rule, IIntegrationCatalog catalog) =>
        rule.Must(id => !string.IsNullOrWhiteSpace(id)).WithMessage(_ => CoreText.Get("Common_ChooseAgent"))
            .Must(id => string.IsNullOrWhiteSpace(id) || catalog.FindAgent(id) is not null)
            .WithMessage((_, id) => CoreText.Get("Catalog_NoAgent", Text.Shorten(id ?? "", 64)))
            .OverridePropertyName("agent_id");
}
