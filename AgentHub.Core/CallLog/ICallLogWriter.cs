namespace AgentHub.Core.CallLog;

/// <summary>Records calls to providers; implemented over the database, called by the verifier after every call.</summary>
public interface ICallLogWriter
{
    Task RecordAsync(ProviderCall call, CancellationToken cancellationToken);
}
