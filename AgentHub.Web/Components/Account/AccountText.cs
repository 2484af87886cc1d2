using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Account;

/// <summary>
/// The texts of the account pages (sign in, register, change password, lockout), of Identity's errors and of the
/// account forms' validation messages, in AccountText.resx and AccountText.fr.resx.
/// </summary>
public sealed class AccountText;

/// <summary>
/// The account forms' validation messages, for DataAnnotations attributes
/// (<c>[Required(ErrorMessageResourceType = typeof(AccountTextResources), ErrorMessageResourceName = nameof(...))]</c>):
/// an attribute cannot take an <see cref="IStringLocalizer"/>, so these read the same AccountText resources in the
/// request's UI culture.
/// </summary>
public static class AccountTextResources
{
    // The name IStringLocalizer<AccountText> reads too: the SDK embeds AccountText.resx under the class's full name.
    private static readonly ResourceManager Resources = new(typeof(AccountText).FullName!, typeof(AccountText).Assembly);

    public static string EmailRequired => Get(nameof(EmailRequired));
    public static string EmailInvalid => Get(nameof(EmailInvalid));
    public static string PasswordRequired => Get(nameof(PasswordRequired));
    public static string CurrentPasswordRequired => Get(nameof(CurrentPasswordRequired));
    public static string NewPasswordRequired => Get(nameof(NewPasswordRequired));

    /// <summary>"The password must be at least {2} characters long." ({2}: StringLength's minimum).</summary>
    public static string PasswordLength => Get(nameof(PasswordLength));

    public static string PasswordsDoNotMatch => Get(nameof(PasswordsDoNotMatch));

    private static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;
}

/// <summary>
/// One rule of the configured password policy, as the checklist under a new-password field shows it. The browser
/// (wwwroot/password-rules.js) re-checks it as the person types; <see cref="IsMet"/> is the same check on the server,
/// for the first render of a posted form. Both follow Identity's PasswordValidator exactly (ASCII letters and digits).
/// </summary>
/// <param name="Name">The rule, as <c>data-rule</c>: length, unique, digit, lower, upper, nonalphanumeric.</param>
/// <param name="Value">The count for length and unique, as <c>data-value</c>; null for the others.</param>
/// <param name="Text">What the person reads.</param>
public sealed record PasswordRule(string Name, int? Value, string Text)
{
    public bool IsMet(string? password)
    {
        var p = password ?? "";
        return Name switch
        {
            "length" => !string.IsNullOrWhiteSpace(p) && p.Length >= Value,
            "unique" => p.Distinct().Count() >= Value,
            "digit" => p.Any(c => c is >= '0' and <= '9'),
            "lower" => p.Any(c => c is >= 'a' and <= 'z'),
            "upper" => p.Any(c => c is >= 'A' and <= 'Z'),
            "nonalphanumeric" => p.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))),
            _ => false,
        };
    }
}

/// <summary>The rules of <see cref="PasswordOptions"/> that are on, in the order Identity checks them.</summary>
public static class PasswordRules
{
    public static IReadOnlyList<PasswordRule> Of(PasswordOptions options, IStringLocalizer<AccountText> text)
    {
        var rules = new List<PasswordRule>();
        if (options.RequiredLength > 0)
        {
            rules.Add(new PasswordRule("length", options.RequiredLength, text["RuleLength", options.RequiredLength].Value));
        }

        if (options.RequireNonAlphanumeric)
        {
            rules.Add(new PasswordRule("nonalphanumeric", null, text["RuleNonAlphanumeric"].Value));
        }

        if (options.RequireDigit)
        {
            rules.Add(new PasswordRule("digit", null, text["RuleDigit"].Value));
        }

        if (options.RequireLowercase)
        {
            rules.Add(new PasswordRule("lower", null, text["RuleLower"].Value));
        }

        if (options.RequireUppercase)
        {
            rules.Add(new PasswordRule("upper", null, text["RuleUpper"].Value));
        }

        // One distinct character is any non-empty password: a rule worth showing from two.
        if (options.RequiredUniqueChars > 1)
        {
            rules.Add(new PasswordRule("unique", options.RequiredUniqueChars, text["RuleUniqueChars", options.RequiredUniqueChars].Value));
        }

        return rules;
    }
}
