namespace AgentHub.Core.Conversations;

/// <summary>The `Chat` configuration section: how much of a conversation's history a turn's model request holds.</summary>
public sealed class ChatSettings
{
    public const string Section = "Chat";

    /// <summary>
    /// The earlier turns' size, in tokens (o200k, as Microsoft.ML.Tokenizers counts), past which the oldest are replaced
    /// by a summary the model writes.
    /// </summary>
    public int MaxContextTokens { get; set; } = 12_000;

    /// <summary>The summary's length the model is asked for, in words.</summary>
    public int SummaryWords { get; set; } = 300;
}
