using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Applies a translation to the loaded catalog, proving it complete on the way: every display text of catalog.json has
/// a non-empty translation, a translated preview names exactly the placeholders of the original, and the translation
/// names no id the catalog lacks. Anything else is a list of problems that stops startup, like the catalog's own.
/// </summary>
internal static class CatalogTranslator
{
    public static IntegrationCatalog Translate(IntegrationCatalog catalog, CatalogTranslationDocument translation, string language)
    {
        var problems = new List<string>();
        translation = translation with { Agents = translation.Agents ?? new Dictionary<string, AgentTranslation>(), Providers = translation.Providers ?? new Dictionary<string, ProviderTranslation>() };
        var agents = catalog.Agents.Select(agent => Agent(agent, translation, problems)).ToList();
        var checks = catalog.Checks.Select(check => Check(check, translation, problems)).ToList();
        problems.AddRange(translation.Agents!.Keys.Where(id => catalog.FindAgent(id) is null).Select(id => $"agents.{id}: no such agent in the catalog"));
        problems.AddRange(translation.Providers!.Keys.Where(id => catalog.FindProvider(id) is null).Select(id => $"providers.{id}: no such provider in the catalog"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The catalog's {language} translation is incomplete:\n- " + string.Join("\n- ", problems));
        }

        return new IntegrationCatalog(agents, checks);
    }

    private static AgentDefinition Agent(AgentDefinition agent, CatalogTranslationDocument translation, List<string> problems)
    {
        var where = $"agents.{agent.Id}";
        if (!translation.Agents!.TryGetValue(agent.Id, out var text))
        {
            problems.Add($"{where}: missing");
            return agent;
        }

        Extra(text.Integrations?.Keys, agent.Integrations.Select(i => i.ProviderId), $"{where}.integrations", problems);
        return agent with
        {
            Role = Required(text.Role, $"{where}.role", problems),
            Persona = Required(text.Persona, $"{where}.persona", problems),
            Integrations = agent.Integrations
                .Select(i => i with { Description = Required(text.Integrations?.GetValueOrDefault(i.ProviderId), $"{where}.integrations.{i.ProviderId}", problems) })
                .ToList(),
        };
    }

    private static ProviderCheck Check(ProviderCheck check, CatalogTranslationDocument translation, List<string> problems)
    {
        var provider = Provider(check.Provider, translation, problems);
        var text = translation.Providers!.GetValueOrDefault(check.Provider.Id)?.Check;
        var where = $"providers.{check.Provider.Id}.check";
        var spec = check.Spec;
        // The translation lists the messages of the grants that have one, in the catalog's order.
        var messages = 0;
        var grants = spec.Grants.Select(rule => rule.Message is { } message
                ? rule with { Message = Template(message, text?.Grants?.ElementAtOrDefault(messages), $"{where}.grants[{messages++}]", problems) }
                : rule)
            .ToList();
        if ((text?.Grants?.Count ?? 0) > messages)
        {
            problems.Add($"{where}.grants: {text!.Grants!.Count} messages where the catalog's grants have {messages}");
        }

        var derive = spec.Derive?.ToDictionary(
            d => d.Key,
            d => d.Value.Message is { } message ? d.Value with { Message = Template(message, text?.Derive?.GetValueOrDefault(d.Key), $"{where}.derive.{d.Key}", problems) } : d.Value);
        Extra(text?.Derive?.Keys, spec.Derive?.Where(d => d.Value.Message is not null).Select(d => d.Key) ?? [], $"{where}.derive", problems);

        // A new check, not `with`: the OAuth variant of the check is built from the spec when constructed.
        return new ProviderCheck(provider, spec with { Grants = grants, Derive = derive }, check.RateLimit, check.OAuth) { Actions = check.Actions };
    }

    /// <summary>A translated message that names exactly the placeholders of the original.</summary>
    private static string Template(string original, string? translated, string where, List<string> problems)
    {
        var text = Required(translated, where, problems);
        var expected = CatalogTemplates.Placeholders(original).ToHashSet();
        var got = CatalogTemplates.Placeholders(text).ToHashSet();
        if (text.Length > 0 && !expected.SetEquals(got))
        {
            problems.Add($"{where}: names {{{string.Join("}, {", got.Order())}}} where the original names {{{string.Join("}, {", expected.Order())}}}");
        }

        return text;
    }

    private static ProviderDefinition Provider(ProviderDefinition provider, CatalogTranslationDocument translation, List<string> problems)
    {
        var where = $"providers.{provider.Id}";
        if (!translation.Providers!.TryGetValue(provider.Id, out var text))
        {
            problems.Add($"{where}: missing");
            return provider;
        }

        Extra(text.Fields?.Keys, provider.Fields.Select(f => f.Name), $"{where}.fields", problems);
        Extra(text.Actions?.Keys, provider.Actions.Select(a => a.Name), $"{where}.actions", problems);
        return provider with
        {
            Summary = Required(text.Summary, $"{where}.summary", problems),
            Fields = provider.Fields.Select(f => Field(f, text.Fields?.GetValueOrDefault(f.Name), $"{where}.fields.{f.Name}", problems)).ToList(),
            Actions = provider.Actions.Select(a => Action(a, text.Actions?.GetValueOrDefault(a.Name), $"{where}.actions.{a.Name}", problems)).ToList(),
            Webhook = provider.Webhook is { } hook ? Webhook(hook, text.Webhook, $"{where}.webhook", problems) : null,
        };
    }

    private static CredentialField Field(CredentialField field, FieldTranslation? text, string where, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{where}: missing");
            return field;
        }

        return field with
        {
            Label = Required(text.Label, $"{where}.label", problems),
            Help = field.Help is null ? None(text.Help, $"{where}.help", problems) : Required(text.Help, $"{where}.help", problems),
            PatternMessage = field.PatternMessage is null
                ? None(text.PatternMessage, $"{where}.pattern_message", problems)
                : Required(text.PatternMessage, $"{where}.pattern_message", problems),
        };
    }

    private static ActionDefinition Action(ActionDefinition action, ActionTranslation? text, string where, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{where}: missing");
            return action;
        }

        string? preview = null;
        if (action.Preview is { } original)
        {
            preview = Required(text.Preview, $"{where}.preview", problems);
            var expected = CatalogTemplates.Placeholders(original).ToHashSet();
            var got = CatalogTemplates.Placeholders(preview).ToHashSet();
            if (!expected.SetEquals(got))
            {
                problems.Add($"{where}.preview: names {{{string.Join("}, {", got.Order())}}} where the original names {{{string.Join("}, {", expected.Order())}}}");
            }
        }
        else
        {
            None(text.Preview, $"{where}.preview", problems);
        }

        return action with { Title = Required(text.Title, $"{where}.title", problems), Preview = preview };
    }

    private static WebhookDefinition Webhook(WebhookDefinition hook, WebhookTranslation? text, string where, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{where}: missing");
            return hook;
        }

        Extra(text.Secrets?.Keys, hook.Secrets.Select(s => s.Name), $"{where}.secrets", problems);
        Extra(text.SuggestedRules?.Keys, hook.SuggestedRules.Select(r => r.EventType), $"{where}.suggested_rules", problems);
        return hook with
        {
            // A suggested rule's instruction is what an owner enables (and the agent then reads): in the owner's language.
            SuggestedRules = hook.SuggestedRules
                .Select(r => r with { Instruction = Template(r.Instruction, text.SuggestedRules?.GetValueOrDefault(r.EventType), $"{where}.suggested_rules.{r.EventType}", problems) })
                .ToList(),
            Setup = Required(text.Setup, $"{where}.setup", problems),
            Secrets = hook.Secrets.Select(s => Field(s, text.Secrets?.GetValueOrDefault(s.Name), $"{where}.secrets.{s.Name}", problems)).ToList(),
        };
    }

    private static string Required(string? value, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where}: missing or empty");
            return "";
        }

        return value;
    }

    private static string? None(string? value, string where, List<string> problems)
    {
        if (value is not null)
        {
            problems.Add($"{where}: translates a text the catalog does not have");
        }

        return null;
    }

    private static void Extra(IEnumerable<string>? translated, IEnumerable<string> known, string where, List<string> problems)
    {
        var names = known.ToHashSet(StringComparer.Ordinal);
        problems.AddRange((translated ?? []).Where(name => !names.Contains(name)).Select(name => $"{where}.{name}: no such entry in the catalog"));
    }
}
