using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using FluentValidation;

namespace AgentHub.Core.Connections;

/// <summary>
/// The credential rules of one provider, built from its schema: required fields, type rules, patterns, choices,
/// length limits and unknown names. Error property names are the credential field names.
/// </summary>
public sealed class CredentialSubmissionValidator : AbstractValidator<CredentialSubmission>
{
    public CredentialSubmissionValidator(ProviderDefinition provider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(s => s).Custom((submission, context) =>
        {
            foreach (var name in submission.UnknownNames)
            {
                context.AddFailure(name, $"'{Truncate(name)}' is not a {provider.Name} credential field.");
            }
        });

        foreach (var field in provider.Fields)
        {
            AddFieldRules(provider, field);
        }
    }

    private void AddFieldRules(ProviderDefinition provider, CredentialField field)
    {
        var name = field.Name;

        if (field.Required)
        {
            RuleFor(s => s.Value(name))
                .NotEmpty()
                .When(s => !s.KeepsSavedSecret(name))
                .WithMessage(s => field.IsSecret && s.SavedSecrets.Contains(name) && s.ChangedRoutingField is { } routing
                    ? $"Enter the {field.Label} again: {provider.FindField(routing)?.Label ?? routing} changed, and a saved secret is only sent where it was entered for."
                    : $"{field.Label} is required.")
                .OverridePropertyName(name);
        }
        else if (field.IsSecret)
        {
            RuleFor(s => s.Value(name))
                .NotEmpty()
                .When(s => s.SavedSecrets.Contains(name) && s.ChangedRoutingField is not null)
                .WithMessage($"Enter the {field.Label} again: a saved secret is only sent where it was entered for.")
                .OverridePropertyName(name);
        }

        var rules = RuleFor(s => s.Value(name)!)
            .MaximumLength(field.EffectiveMaxLength)
            .WithMessage($"{field.Label} must be at most {field.EffectiveMaxLength} characters.")
            .Must(value => !HasControlCharacters(value, field.Type == CredentialFieldType.Textarea))
            .WithMessage($"{field.Label} contains control characters; paste the value again without line breaks.");

        if (provider.HeaderFields.Contains(name))
        {
            // Otherwise such a value passes here and fails deep in HttpClient, reported as "unreachable".
            rules = rules.Must(IsPrintableAscii)
                .WithMessage($"{field.Label} may contain only ASCII letters, digits, punctuation and spaces: paste it again without accents, special characters or invisible separators.");
        }

        switch (field.Type)
        {
            case CredentialFieldType.Email:
                rules = rules.EmailAddress().WithMessage($"{field.Label} must be an email address, such as name@example.com.");
                break;
            case CredentialFieldType.Url:
                rules = rules.Must(value => IsAllowedHttpsUrl(value, field.HostSuffixes))
                    .WithMessage(field.HostSuffixes is { Count: > 0 }
                        ? $"{field.Label} must be an https address on {string.Join(" or ", field.HostSuffixes.Select(s => "*" + s))}."
                        : $"{field.Label} must be an https address.");
                break;
        }

        if (field.Options is { Count: > 0 } options)
        {
            rules = rules.Must(value => options.Contains(value.ToLowerInvariant()))
                .WithMessage($"{field.Label} must be one of: {string.Join(", ", options)}.");
        }

        if (field.Pattern is { } pattern)
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            rules.Must(value => regex.IsMatch(value))
                .WithMessage(field.PatternMessage ?? $"{field.Label} is not in the expected format.");
        }

        rules.OverridePropertyName(name);
        rules.When(s => s.Value(name) is not null);
    }

    private static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    private static bool HasControlCharacters(string value, bool allowLineBreaks) =>
        value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));

    /// <summary>An absolute https URL without user info; when suffixes are given, its host must end in one of them.</summary>
    public static bool IsAllowedHttpsUrl(string value, IReadOnlyList<string>? hostSuffixes)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            uri.Scheme != Uri.UriSchemeHttps ||
            !string.IsNullOrEmpty(uri.UserInfo) ||
            !uri.IsDefaultPort ||
            uri.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        return hostSuffixes is not { Count: > 0 } ||
               hostSuffixes.Any(suffix => uri.IdnHost.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && uri.IdnHost.Length > suffix.Length);
    }

    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
