using AgentHub.Core.Catalog;
using FluentValidation;

namespace AgentHub.Core.Tasks;

/// <summary>A task needs a known agent and a description of what to do (the API and the Ask box share these rules).</summary>
public sealed class CreateTaskRequestValidator : AbstractValidator<CreateTaskRequest>
{
    public CreateTaskRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.Description)
            .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Say what the agent should do.")
            .Must(d => d is null || d.Trim().Length <= AgentTask.MaxDescriptionLength)
            .WithMessage($"A task description is at most {AgentTask.MaxDescriptionLength:N0} characters.")
            .OverridePropertyName("description");
        RuleFor(r => r.AgentId)
            .Must(id => !string.IsNullOrWhiteSpace(id)).WithMessage("Choose an agent.")
            .Must(id => string.IsNullOrWhiteSpace(id) || catalog.FindAgent(id) is not null)
            .WithMessage(r => $"There is no agent '{Common.Text.Shorten(r.AgentId ?? "", 64)}'.")
            .OverridePropertyName("agent_id");
    }
}
