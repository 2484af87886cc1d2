namespace AgentHub.Core.Accounts;

/// <summary>
/// The password rules, in one place: Identity's options are set from them, and the account forms' length attribute
/// (a compile-time constant) reads the same number, so the form and the server cannot disagree.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 100;
    public const int RequiredUniqueChars = 4;
}
