namespace AgentHub.Web.Components.Pages.Conversations;

/// <summary>The texts of the conversation page, in ConversationsText.resx and ConversationsText.fr.resx.</summary>
public sealed class ConversationsText;
