namespace AgentHub.Core.Connections;

/// <summary>
/// What to verify: the provider, the decrypted values (secrets included; never log them), why, and whether the
/// values come from an OAuth authorization (the check then sends the access token the provider's OAuth way).
/// </summary>
public sealed record VerificationRequest(
    Guid WorkspaceId,
    string ProviderId,
    IReadOnlyDictionary<string, string> Values,
    VerificationMode Mode,
    bool OAuth = false)
{
    public override string ToString() => $"VerificationRequest {{ ProviderId = {ProviderId}, Mode = {Mode}, OAuth = {OAuth} }}";
}
