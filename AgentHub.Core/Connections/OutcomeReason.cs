namespace AgentHub.Core.Connections;

/// <summary>Why a verification ended as it did; every check maps to exactly one.</summary>
public enum OutcomeReason
{
    Ok,
    AuthInvalid,
    PermissionMissing,
    RateLimited,
    ProviderError,
    Unreachable,
    InvalidInput,
}
