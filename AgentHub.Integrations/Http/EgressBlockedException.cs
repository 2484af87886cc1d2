namespace AgentHub.Integrations.Http;

/// <summary>The egress guard refused a destination; the message names the host, never a credential.</summary>
public sealed class EgressBlockedException(string message) : Exception(message)
{
    /// <summary>The refusal inside an exception chain (HttpClient wraps what the connect step throws).</summary>
    public static EgressBlockedException? FindIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is EgressBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
