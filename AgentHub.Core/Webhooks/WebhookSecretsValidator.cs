using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// The rules for a provider's webhook secrets (the catalog's fields for its scheme), for the API (400) and the
/// Webhooks card (field messages): every required secret each time, printable and bounded, SendGrid's key a P-256
/// public key, Basic auth credentials both or neither, and no field the scheme does not have.
/// </summary>
public sealed class WebhookSecretsValidator : AbstractValidator<IReadOnlyDictionary<string, string?>>
{
    public const int MaxSecretLength = 4096;

    public WebhookSecretsValidator(ProviderDefinition provider, WebhookDefinition hook)
    {
        RuleFor(values => values).Custom((values, context) =>
        {
            foreach (var name in values.Keys.Where(k => hook.Secrets.All(s => s.Name != k)))
            {
                context.AddFailure(name, CoreText.Get("Webhooks_SecretUnknownField", provider.Name, Text.Shorten(name, 64)));
            }
        });

        foreach (var field in hook.Secrets)
        {
            var name = field.Name;
            var p256 = hook.Algorithm == WebhookAlgorithm.EcdsaP256Sha256 && name == hook.SecretField;
            RuleFor(values => Clean(values, name))
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => CoreText.Get("Common_FieldRequired", field.Label)).When(_ => field.Required, ApplyConditionTo.CurrentValidator)
                .Must(value => value is null || (value.Length <= MaxSecretLength && (field.Type == CredentialFieldType.Textarea || !value.Any(char.IsControl))))
                .WithMessage(_ => CoreText.Get("Webhooks_SecretTooLong", field.Label, MaxSecretLength))
                .Must(value => value is null || !p256 || WebhookVerifier.IsP256PublicKey(value))
                .WithMessage(_ => CoreText.Get("Webhooks_SecretNotP256", field.Label, provider.Name))
                .OverridePropertyName(name);
        }

        RuleFor(values => values)
            .Must(values => (Clean(values, WebhookVerifier.BasicUsername) == null) == (Clean(values, WebhookVerifier.BasicPassword) == null))
            .WithMessage(_ => CoreText.Get("Webhooks_BasicAuthPair"))
            .OverridePropertyName(WebhookVerifier.BasicPassword)
            .When(_ => hook.Secrets.Any(s => s.Name == WebhookVerifier.BasicUsername));
    }

    /// <summary>A value as it is stored: trimmed, and null when blank.</summary>
    public static string? Clean(IReadOnlyDictionary<string, string?> values, string name) =>
        values.GetValueOrDefault(name)?.Trim() is { Length: > 0 } value ? value : null;
}
