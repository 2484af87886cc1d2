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

    /// <summary>An OAuth refresh was refused (invalid_grant): only a new authorization reconnects.</summary>
    ReauthorizationRequired,
}
