namespace AgentHub.Core.Catalog;

/// <summary>Whether a provider takes a PKCE code challenge (RFC 7636), always S256 when it does.</summary>
public enum PkceMode
{
    None,
    Supported,
    Required,
}
