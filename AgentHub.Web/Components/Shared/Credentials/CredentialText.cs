namespace AgentHub.Web.Components.Shared.Credentials;

/// <summary>The texts of the credential dialog and its fields, in CredentialText.resx and CredentialText.fr.resx.</summary>
public sealed class CredentialText;
