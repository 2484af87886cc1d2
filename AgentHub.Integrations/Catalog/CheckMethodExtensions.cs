namespace AgentHub.Integrations.Catalog;

/// <summary>A check's method as the HTTP client and the call log write it.</summary>
public static class CheckMethodExtensions
{
    public static HttpMethod ToHttpMethod(this CheckMethod method) => method switch
    {
        CheckMethod.Post => HttpMethod.Post,
        CheckMethod.Put => HttpMethod.Put,
        CheckMethod.Patch => HttpMethod.Patch,
        _ => HttpMethod.Get,
    };
}
