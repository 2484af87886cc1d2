using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.OAuth;

/// <summary>The rules for an OAuth app's client ID and secret, for the API (400) and the Workspace page's card.</summary>
public sealed class OAuthAppCredentialsValidator : AbstractValidator<OAuthAppCredentials>
{
    public OAuthAppCredentialsValidator()
    {
        Printable(RuleFor(c => c.ClientId), "OAuth_ClientIdLabel", OAuthApp.MaxClientIdLength).OverridePropertyName("client_id");
        Printable(RuleFor(c => c.ClientSecret), "OAuth_ClientSecretLabel", OAuthApp.MaxClientSecretLength).OverridePropertyName("client_secret");
    }

    /// <summary>A field's rules; <paramref name="label"/> is the <see cref="CoreText"/> key of its label, read with each message.</summary>
    private static IRuleBuilderOptions<OAuthAppCredentials, string?> Printable(IRuleBuilderInitial<OAuthAppCredentials, string?> rule, string label, int max) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage(_ => CoreText.Get("Common_FieldRequired", CoreText.Get(label)))
        .MaximumLength(max).WithMessage(_ => CoreText.Get("Common_FieldTooLong", CoreText.Get(label), max))
        .Must(value => value!.All(c => c is > ' ' and <= '~')).WithMessage(_ => CoreText.Get("OAuth_FieldNotPrintable", CoreText.Get(label)));
}
