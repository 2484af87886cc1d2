namespace AgentHub.Integrations.Http;

/// <summary>Refuses any provider request that is not https, unless an operator configured that target.</summary>
public sealed class EgressPolicyHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        var allowedScheme = uri is { IsAbsoluteUri: true } &&
                            (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && request.IsOperatorTarget()));
        if (!allowedScheme || !string.IsNullOrEmpty(uri!.UserInfo))
        {
            throw new EgressBlockedException($"only https requests to provider hosts are allowed (got {uri?.Scheme ?? "a relative"} URL).");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
