using System.Text.Json.Serialization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using FluentValidation;

namespace AgentHub.Core.Conversations;

/// <summary>`POST /api/conversations`: which helper to talk with.</summary>
public sealed record StartConversationRequest([property: JsonPropertyName("agent_id")] string? AgentId);

/// <summary>`POST /api/conversations/{id}/messages`: what the person writes.</summary>
public sealed record PostMessageRequest([property: JsonPropertyName("text")] string? Text);

/// <summary>A message was taken: its turn runs in the background (`GET .../turns/{turn_id}/stream` follows it).</summary>
public sealed record TurnAccepted(
    [property: JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: JsonPropertyName("turn_id")] Guid TurnId,
    [property: JsonPropertyName("turn_index")] int TurnIndex);

public sealed class StartConversationRequestValidator : AbstractValidator<StartConversationRequest>
{
    public StartConversationRequestValidator(IIntegrationCatalog catalog) =>
        RuleFor(r => r.AgentId).KnownAgent(catalog);
}

public sealed class PostMessageRequestValidator : AbstractValidator<PostMessageRequest>
{
    public PostMessageRequestValidator() =>
        RuleFor(r => r.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => CoreText.Get("Conversations_TextRequired"))
            .Must(t => t is null || t.Trim().Length <= AgentTask.MaxDescriptionLength)
            .WithMessage(_ => CoreText.Get("Conversations_TextTooLong", AgentTask.MaxDescriptionLength))
            .OverridePropertyName("text");
}
