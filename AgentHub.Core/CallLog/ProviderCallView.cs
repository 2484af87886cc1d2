namespace AgentHub.Core.CallLog;

/// <summary>A call-log row as the API and pages show it.</summary>
public sealed record ProviderCallView(
    DateTime At,
    string Method,
    string Host,
    string Path,
    int? StatusCode,
    Connections.OutcomeReason Reason,
    int DurationMs,
    bool Background,
    bool CacheHit = false)
{
    public static ProviderCallView From(ProviderCall call) =>
        new(call.CreatedAt, call.Method, call.Host, call.Path, call.StatusCode, call.Reason, call.DurationMs, call.Background, call.CacheHit);
}
