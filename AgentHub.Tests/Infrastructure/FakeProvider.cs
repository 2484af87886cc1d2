using System.Text;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// One provider as the fake server plays it: the documented request (method, path, query, auth), valid and wrong
/// credentials, and the documented answers (success body, auth error body and status).
/// </summary>
public sealed record FakeProvider
{
    public required string Id { get; init; }
    public string Method { get; init; } = "GET";
    public required string Path { get; init; }
    public string Query { get; init; } = "";
    public required IReadOnlyDictionary<string, string> Valid { get; init; }

    /// <summary>The secret field changed to a wrong value.</summary>
    public required (string Field, string Value) WrongSecret { get; init; }

    /// <summary>The auth header a valid request carries (name, exact value); null where the secret travels in the query or body.</summary>
    public (string Name, string Value)? AuthHeader { get; init; }

    /// <summary>Decides, from the raw request, whether it carries the valid credentials.</summary>
    public required Func<ReceivedRequest, bool> IsAuthorized { get; init; }

    public required string SuccessBody { get; init; }
    public string ContentType { get; init; } = "application/json";
    public int AuthErrorStatus { get; init; } = 401;
    public required string AuthErrorBody { get; init; }

    /// <summary>A success-status answer without the identity field.</summary>
    public string MissingIdentityBody { get; init; } = "{}";

    /// <summary>An authenticated answer without the access the agent needs, when the provider has such a rule.</summary>
    public string? PermissionMissingBody { get; init; }

    public IReadOnlyDictionary<string, string> WithWrongSecret()
    {
        var values = new Dictionary<string, string>(Valid) { [WrongSecret.Field] = WrongSecret.Value };
        return values;
    }

    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
