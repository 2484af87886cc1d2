using System.Text.Json.Nodes;

namespace AgentHub.Core.Actions;

/// <summary>
/// One action to carry out: the provider and action, arguments already checked against the action's schema, the
/// connection's decrypted values (secrets included; never log them), and for a write the key that makes a repeat of
/// the same approved call recognisable.
/// </summary>
public sealed record ActionRequest(
    Guid WorkspaceId,
    string ProviderId,
    string ActionName,
    JsonObject Arguments,
    IReadOnlyDictionary<string, string> Values,
    bool OAuth,
    string? IdempotencyKey = null)
{
    public override string ToString() => $"ActionRequest {{ ProviderId = {ProviderId}, ActionName = {ActionName}, OAuth = {OAuth} }}";
}
