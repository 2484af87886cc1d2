using AgentHub.Core.Catalog;
using FluentValidation;

namespace AgentHub.Core.Webhooks;

/// <summary>The one set of rules for a webhook rule, for the API (400) and the Webhooks card (field messages).</summary>
public sealed class SaveWebhookRuleRequestValidator : AbstractValidator<SaveWebhookRuleRequest>
{
    public SaveWebhookRuleRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.ProviderId)
            .Must(id => id is not null && catalog.FindProvider(id)?.Webhook is not null)
            .WithMessage("Choose a provider that sends webhooks.")
            .OverridePropertyName("provider_id");
        RuleFor(r => r.EventType)
            .Must(type => !string.IsNullOrWhiteSpace(type) && type.Trim().Length <= WebhookDelivery.MaxEventTypeLength &&
                          type.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            .WithMessage($"The event type is required: letters, digits and . _ : - only, at most {WebhookDelivery.MaxEventTypeLength}.")
            .OverridePropertyName("event_type");
        RuleFor(r => r.AgentId)
            .Must(id => id is not null && catalog.FindAgent(id) is not null)
            .WithMessage("Choose an agent.")
            .OverridePropertyName("agent_id");
        RuleFor(r => r)
            .Must(r => catalog.FindAgent(r.AgentId!)!.FindIntegration(r.ProviderId!) is not null)
            .When(r => r.AgentId is not null && catalog.FindAgent(r.AgentId) is not null && r.ProviderId is not null && catalog.FindProvider(r.ProviderId)?.Webhook is not null)
            .WithMessage(r => $"{catalog.FindAgent(r.AgentId!)!.Name} does not use {catalog.FindProvider(r.ProviderId!)!.Name}.")
            .OverridePropertyName("agent_id");
        RuleFor(r => r.Instruction)
            .Must(text => !string.IsNullOrWhiteSpace(text) && text.Trim().Length <= WebhookRule.MaxInstructionLength)
            .WithMessage($"Say what the agent should do, in at most {WebhookRule.MaxInstructionLength} characters.")
            .OverridePropertyName("instruction");
    }
}
