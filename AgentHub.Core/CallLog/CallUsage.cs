namespace AgentHub.Core.CallLog;

/// <summary>Calls and failures of one provider over the last 24 hours and 7 days.</summary>
public sealed record CallUsage(string ProviderId, int Calls24h, int Errors24h, int Calls7d, int Errors7d)
{
    public static CallUsage None(string providerId) => new(providerId, 0, 0, 0, 0);

    public double? ErrorRate24h => Calls24h == 0 ? null : (double)Errors24h / Calls24h;
    public double? ErrorRate7d => Calls7d == 0 ? null : (double)Errors7d / Calls7d;
}

/// <summary>A call-log row as the API and pages show it.</summary>
public sealed record ProviderCallView(DateTime At, string Method, string Host, string Path, int? StatusCode, Connections.OutcomeReason Reason, int DurationMs, bool Background)
{
    public static ProviderCallView From(ProviderCall call) =>
        new(call.CreatedAt, call.Method, call.Host, call.Path, call.StatusCode, call.Reason, call.DurationMs, call.Background);
}

/// <summary>A connection's recent calls with its usage figures.</summary>
public sealed record CallLogView(CallUsage Usage, IReadOnlyList<ProviderCallView> Calls);
