using FluentValidation;

namespace AgentHub.Core.OAuth;

/// <summary>The rules for an OAuth app's client ID and secret, for the API (400) and the Workspace page's card.</summary>
public sealed class OAuthAppCredentialsValidator : AbstractValidator<OAuthAppCredentials>
{
    public OAuthAppCredentialsValidator()
    {
        Printable(RuleFor(c => c.ClientId), "Client ID", OAuthApp.MaxClientIdLength).OverridePropertyName("client_id");
        Printable(RuleFor(c => c.ClientSecret), "Client secret", OAuthApp.MaxClientSecretLength).OverridePropertyName("client_secret");
    }

    private static IRuleBuilderOptions<OAuthAppCredentials, string?> Printable(IRuleBuilderInitial<OAuthAppCredentials, string?> rule, string label, int max) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage($"{label} is required.")
        .MaximumLength(max).WithMessage($"{label} must be at most {max} characters.")
        .Must(value => value!.All(c => c is > ' ' and <= '~')).WithMessage($"{label} may contain only ASCII letters, digits and punctuation, without spaces.");
}
