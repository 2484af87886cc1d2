using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Workspaces;

/// <summary>A workspace name is 1 to 128 visible characters; the language is one AgentHub speaks.</summary>
public sealed class WorkspaceSettingsValidator : AbstractValidator<WorkspaceSettings>
{
    public static readonly WorkspaceSettingsValidator Instance = new();

    private WorkspaceSettingsValidator()
    {
        RuleFor(s => s.Name!.Trim())
            .NotEmpty().WithMessage("Give the workspace a name.")
            .MaximumLength(Workspace.MaxNameLength).WithMessage($"A workspace name is at most {Workspace.MaxNameLength} characters.")
            .Must(name => !name.Any(char.IsControl)).WithMessage("A workspace name is one line of text.")
            .OverridePropertyName("name")
            .When(s => s.Name is not null);
        RuleFor(s => s.Language)
            .Must(language => Languages.Supported.Contains(language!))
            .WithMessage($"Language must be one of: {string.Join(", ", Languages.Supported)}.")
            .OverridePropertyName("language")
            .When(s => s.Language is not null);
    }
}
