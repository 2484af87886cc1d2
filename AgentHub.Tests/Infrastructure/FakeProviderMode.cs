namespace AgentHub.Tests.Infrastructure;

/// <summary>How the fake provider answers the next requests for one provider.</summary>
public enum FakeProviderMode
{
    /// <summary>As documented: success for the valid credentials, the documented auth error otherwise.</summary>
    Normal,
    RateLimited,
    ServerError,
    Hang,
    SlowBody,
    HugeBody,
    Redirect,
    /// <summary>Success status without the identity field (an endpoint that answers anyone).</summary>
    MissingIdentity,
    /// <summary>The first request gets a 503, later ones are answered normally (a transient failure).</summary>
    FlakyOnce,
    /// <summary>Authenticated, but without the access the agent needs (site, property, project, scope).</summary>
    PermissionMissing,
    /// <summary>A 401 whose message echoes the presented bearer token upper-cased with two characters changed.</summary>
    EchoesSecretAltered,
}
