namespace AgentHub.Core.Connections;

/// <summary>The wire names of <see cref="OutcomeReason"/> and <see cref="ConnectionStatus"/>, and the sentence a user reads for each reason.</summary>
public static class OutcomeReasons
{
    public static string ToCode(this OutcomeReason reason) => reason switch
    {
        OutcomeReason.Ok => "ok",
        OutcomeReason.AuthInvalid => "auth_invalid",
        OutcomeReason.PermissionMissing => "permission_missing",
        OutcomeReason.RateLimited => "rate_limited",
        OutcomeReason.ProviderError => "provider_error",
        OutcomeReason.Unreachable => "unreachable",
        OutcomeReason.InvalidInput => "invalid_input",
        OutcomeReason.ReauthorizationRequired => "reauthorization_required",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static OutcomeReason? FromCode(string? code) =>
        Enum.GetValues<OutcomeReason>().Select(r => (OutcomeReason?)r).FirstOrDefault(r => r!.Value.ToCode() == code);

    public static string ToCode(this ConnectionStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A sentence a user understands, naming the provider, in the current language (see <see cref="OutcomeSentences"/>).</summary>
    public static string Sentence(this OutcomeReason reason, string providerName) => OutcomeSentences.Of(reason, providerName);
}
