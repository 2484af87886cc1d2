using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Tasks;

/// <summary>A task needs a known agent and a description of what to do (the API and the Ask box share these rules).</summary>
public sealed class CreateTaskRequestValidator : AbstractValidator<CreateTaskRequest>
{
    public CreateTaskRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.Description)
            .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage(_ => CoreText.Get("Tasks_DescriptionRequired"))
            .Must(d => d is null || d.Trim().Length <= AgentTask.MaxDescriptionLength)
            .WithMessage(_ => CoreText.Get("Tasks_DescriptionTooLong", AgentTask.MaxDescriptionLength))
            .OverridePropertyName("description");
        RuleFor(r => r.AgentId).KnownAgent(catalog);
    }
}
