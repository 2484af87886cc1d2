namespace AgentHub.Integrations.Catalog;

/// <summary>How a check's secret travels (catalog `auth.type`).</summary>
public enum AuthType
{
    /// <summary>`Authorization: Bearer {token}`.</summary>
    Bearer,

    /// <summary>`Authorization: Basic base64(username:password)`.</summary>
    Basic,

    /// <summary>A named header (`name: value`), such as `x-api-token`.</summary>
    Header,

    /// <summary>In the query string or the form body.</summary>
    None,
}
