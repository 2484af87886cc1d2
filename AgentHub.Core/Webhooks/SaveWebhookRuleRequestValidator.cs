using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Webhooks;

/// <summary>The one set of rules for a webhook rule, for the API (400) and the Webhooks card (field messages).</summary>
public sealed class SaveWebhookRuleRequestValidator : AbstractValidator<SaveWebhookRuleRequest>
{
    public SaveWebhookRuleRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.ProviderId)
            .Must(id => id is not null && catalog.FindProvider(id)?.Webhook is not null)
            .WithMessage(_ => CoreText.Get("Webhooks_ChooseProvider"))
            .OverridePropertyName("provider_id");
        RuleFor(r => r.EventType)
            .Must(type => !string.IsNullOrWhiteSpace(type) && type.Trim().Length <= WebhookDelivery.MaxEventTypeLength &&
                          type.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            .WithMessage(_ => CoreText.Get("Webhooks_EventTypeInvalid", WebhookDelivery.MaxEventTypeLength))
            .OverridePropertyName("event_type");
        RuleFor(r => r.AgentId)
            .Must(id => id is not null && catalog.FindAgent(id) is not null)
            .WithMessage(_ => CoreText.Get("Common_ChooseAgent"))
            .OverridePropertyName("agent_id");
        RuleFor(r => r)
            .Must(r => catalog.FindAgent(r.AgentId!)!.FindIntegration(r.ProviderId!) is not null)
            .When(r => r.AgentId is not null && catalog.FindAgent(r.AgentId) is not null && r.ProviderId is not null && catalog.FindProvider(r.ProviderId)?.Webhook is not null)
            .WithMessage(r => CoreText.Get("Webhooks_AgentDoesNotUse", catalog.FindAgent(r.AgentId!)!.Name, catalog.FindProvider(r.ProviderId!)!.Name))
            .OverridePropertyName("agent_id");
        RuleFor(r => r.Instruction)
            .Must(text => !string.IsNullOrWhiteSpace(text) && text.Trim().Length <= WebhookRule.MaxInstructionLength)
            .WithMessage(_ => CoreText.Get("Webhooks_InstructionInvalid", WebhookRule.MaxInstructionLength))
            .OverridePropertyName("instruction");
    }
}
