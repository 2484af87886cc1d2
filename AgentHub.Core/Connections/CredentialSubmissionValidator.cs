using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Connections;

/// <summary>
/// The credential rules of one provider, built from its schema: required fields, type rules, patterns, choices,
/// length limits and unknown names. Error property names are the credential field names. Messages are read with each
/// validation (the lazy WithMessage), in the language of the moment; labels come from the provider it was built with.
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
                context.AddFailure(name, CoreText.Get("Connections_UnknownField", Truncate(name), provider.Name));
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
                    ? CoreText.Get("Connections_EnterAgainRouting", field.Label, provider.FindField(routing)?.Label ?? routing)
                    : CoreText.Get("Common_FieldRequired", field.Label))
                .OverridePropertyName(name);
        }
        else if (field.IsSecret)
        {
            RuleFor(s => s.Value(name))
                .NotEmpty()
                .When(s => s.SavedSecrets.Contains(name) && s.ChangedRoutingField is not null)
                .WithMessage(_ => CoreText.Get("Connections_EnterAgain", field.Label))
                .OverridePropertyName(name);
        }

        var rules = RuleFor(s => s.Value(name)!)
            .MaximumLength(field.EffectiveMaxLength)
            .WithMessage(_ => CoreText.Get("Common_FieldTooLong", field.Label, field.EffectiveMaxLength))
            .Must(value => !HasControlCharacters(value, field.Type == CredentialFieldType.Textarea))
            .WithMessage(_ => CoreText.Get("Connections_ControlCharacters", field.Label));

        if (provider.HeaderFields.Contains(name))
        {
            // Otherwise such a value passes here and fails deep in HttpClient, reported as "unreachable".
            rules = rules.Must(IsPrintableAscii)
                .WithMessage(_ => CoreText.Get("Connections_NotPrintableAscii", field.Label));
        }

        switch (field.Type)
        {
            case CredentialFieldType.Email:
                rules = rules.EmailAddress().WithMessage(_ => CoreText.Get("Connections_EmailInvalid", field.Label));
                break;
            case CredentialFieldType.Url:
                rules = rules.Must(value => IsAllowedHttpsUrl(value, field.HostSuffixes))
                    .WithMessage(_ => field.HostSuffixes is { Count: > 0 } suffixes
                        ? CoreText.Get("Connections_HttpsOnHosts", field.Label, string.Join(CoreText.Get("Common_OrSeparator"), suffixes.Select(s => "*" + s)))
                        : CoreText.Get("Connections_HttpsOnly", field.Label));
                break;
        }

        if (field.Options is { Count: > 0 } options)
        {
            rules = rules.Must(value => options.Contains(value.ToLowerInvariant()))
                .WithMessage(_ => CoreText.Get("Connections_OneOf", field.Label, string.Join(", ", options)));
        }

        if (field.Pattern is { } pattern)
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            rules.Must(value => regex.IsMatch(value))
                .WithMessage(_ => field.PatternMessage ?? CoreText.Get("Connections_FieldFormat", field.Label));
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
