namespace AgentHub.Core.Catalog;

/// <summary>The input kinds of a credential field, as named in the catalog and the API (`password` is the secret kind).</summary>
public enum CredentialFieldType
{
    Password,
    Text,
    Email,
    Url,
    Textarea,
}
