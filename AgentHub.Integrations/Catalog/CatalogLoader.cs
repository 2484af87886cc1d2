using System.Text.Json;
using System.Text.Json.Serialization;
using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Reads the declarative catalog (catalog.json, embedded in this assembly) with the strict JSON rules (unknown members,
/// missing required values and unknown enum names are errors), maps it to definitions, and has
/// <see cref="CatalogValidator"/> prove it consistent before anything uses it: a broken entry stops the app at startup,
/// not a user at the connect button.
/// </summary>
public static class CatalogLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IntegrationCatalog> Embedded = new(() =>
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("AgentHub.Integrations.catalog.json")
            ?? throw new InvalidOperationException("The embedded catalog.json is missing from AgentHub.Integrations.");
        return Load(stream);
    });

    private static readonly Lazy<LocalizedCatalogs> EmbeddedLocalized = new(() =>
    {
        var translations = Core.Common.Languages.Supported.Where(l => l != Core.Common.Languages.English).ToDictionary(
            language => language,
            language =>
            {
                using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream($"AgentHub.Integrations.catalog.{language}.json")
                    ?? throw new InvalidOperationException($"The embedded catalog.{language}.json is missing from AgentHub.Integrations.");
                return LoadTranslation(Embedded.Value, stream, language);
            });
        return new LocalizedCatalogs(Embedded.Value, translations);
    });

    /// <summary>The catalog shipped with this build; parsed and checked once per process.</summary>
    public static IntegrationCatalog LoadEmbedded() => Embedded.Value;

    /// <summary>The catalog in every language AgentHub speaks; every translation proven complete once per process.</summary>
    public static LocalizedCatalogs LoadEmbeddedLocalized() => EmbeddedLocalized.Value;

    /// <summary>The catalog with a translation's display texts (catalog.{language}.json), or the list of what it lacks.</summary>
    public static IntegrationCatalog LoadTranslation(IntegrationCatalog catalog, Stream json, string language)
    {
        var document = JsonSerializer.Deserialize<CatalogTranslationDocument>(json, JsonOptions)
            ?? throw new InvalidDataException($"The catalog's {language} translation is empty.");
        return CatalogTranslator.Translate(catalog, document, language);
    }

    public static IntegrationCatalog Load(Stream json)
    {
        var document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The catalog is empty.");
        var problems = new List<string>();

        var checks = document.Providers.Select(p => ToCheck(p, problems)).ToList();
        var agents = document.Agents.Select(a => new AgentDefinition
        {
            Id = a.Id,
            Name = a.Name,
            Role = a.Role,
            Persona = a.Persona,
            Color = a.Color,
            Avatar = a.Avatar ?? $"/avatars/{a.Id}.svg",
            Integrations = a.Integrations.Select(i => new AgentIntegration(i.Provider, i.Description)).ToList(),
        }).ToList();

        CatalogValidator.CheckAgents(agents, checks, problems);
        WebhookCatalogValidator.Check(agents, checks.Select(c => c.Provider), problems);

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The catalog is inconsistent:\n- " + string.Join("\n- ", problems));
        }

        return new IntegrationCatalog(agents, checks);
    }

    private static ProviderCheck ToCheck(ProviderEntry entry, List<string> problems)
    {
        var fields = entry.Fields.Select(ToField).ToList();

        var spec = entry.Check;
        var provider = new ProviderDefinition
        {
            Id = entry.Id,
            Name = entry.Name,
            Category = entry.Category,
            Icon = entry.Icon ?? $"/icons/{entry.Id}.svg",
            DocsUrl = entry.DocsUrl,
            Summary = entry.Summary,
            Fields = fields,
            RoutingFields = CatalogTemplates.RoutingFields(spec),
            HeaderFields = CatalogTemplates.HeaderFields(spec),
            OAuth = entry.OAuth is { } oauth
                ? new OAuthDefinition { Settings = oauth.Settings, TokenField = oauth.TokenField, Pkce = oauth.Pkce }
                : null,
            Actions = (entry.Actions ?? []).Select(a => new ActionDefinition
            {
                ProviderId = entry.Id,
                Name = a.Name,
                Description = a.Description,
                Title = a.Title,
                ImageArgument = a.ImageArgument,
                ResultLink = a.ResultLink,
                Effect = a.Effect,
                Destructive = a.Destructive,
                Parameters = a.Parameters.Clone(),
                CacheTtl = a.CacheSeconds is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
                Preview = a.Preview,
            }).ToList(),
            Webhook = entry.Webhook is { } hook ? ToWebhook(hook) : null,
        };

        CatalogValidator.CheckProvider(provider, spec, problems);
        if (entry.OAuth is { } oauthSpec)
        {
            CatalogValidator.CheckOAuth(provider, spec, oauthSpec, problems);
        }

        var check = new ProviderCheck(provider, spec, entry.RateLimit ?? new RateLimitSpec(60, 60, null), entry.OAuth)
        {
            Actions = (entry.Actions ?? []).GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
        };
        ActionCatalogValidator.Check(check, entry.Actions ?? [], problems);
        return check;
    }

    private static CredentialField ToField(FieldEntry f) => new()
    {
        Name = f.Name,
        Label = f.Label,
        Type = f.Type,
        Required = f.Required,
        Help = f.Help,
        Placeholder = f.Placeholder,
        Pattern = f.Pattern,
        PatternMessage = f.PatternMessage,
        Options = f.Options,
        HostSuffixes = f.HostSuffixes,
        MaxLength = f.MaxLength,
    };

    private static WebhookDefinition ToWebhook(WebhookEntry hook) => new()
    {
        Algorithm = hook.Algorithm,
        SignatureHeader = hook.SignatureHeader,
        SignaturePrefix = hook.SignaturePrefix,
        SignatureEncoding = hook.SignatureEncoding,
        TimestampHeader = hook.TimestampHeader,
        TimestampPart = hook.TimestampPart,
        SignaturePart = hook.SignaturePart,
        SignedPayload = hook.SignedPayload,
        SecretField = hook.SecretField,
        Secrets = hook.Secrets.Select(ToField).ToList(),
        Handshake = hook.Handshake,
        Batch = hook.Batch,
        EventId = hook.EventId ?? [],
        EventType = hook.EventType ?? [],
        EventTypePrefix = hook.EventTypePrefix,
        SubjectId = hook.SubjectId ?? [],
        SubjectPattern = hook.SubjectPattern,
        EventTypes = hook.EventTypes ?? [],
        SuggestedRules = (hook.SuggestedRules ?? []).Select(r => new WebhookRuleTemplate(r.EventType, r.Agent, r.Instruction)).ToList(),
        Setup = hook.Setup,
    };

}
