namespace AgentHub.Web.Components.Pages.Tokens;

/// <summary>The texts of the access tokens page, in TokensText.resx and TokensText.fr.resx.</summary>
public sealed class TokensText;
