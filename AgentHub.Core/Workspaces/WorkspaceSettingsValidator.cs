using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Workspaces;

/// <summary>
/// A workspace name is 1 to 128 visible characters; the language is one AgentHub speaks. One shared instance: its
/// messages are read with each validation, in the language of the moment.
/// </summary>
public sealed class WorkspaceSettingsValidator : AbstractValidator<WorkspaceSettings>
{
    public static readonly WorkspaceSettingsValidator Instance = new();

    private WorkspaceSettingsValidator()
    {
        RuleFor(s => s.Name!.Trim())
            .NotEmpty().WithMessage(_ => CoreText.Get("Workspaces_NameRequired"))
            .MaximumLength(Workspace.MaxNameLength).WithMessage(_ => CoreText.Get("Workspaces_NameTooLong", Workspace.MaxNameLength))
            .Must(name => !name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)).WithMessage(_ => CoreText.Get("Workspaces_NameOneLine"))
            .OverridePropertyName("name")
            .When(s => s.Name is not null);
        RuleFor(s => s.Language)
            .Must(language => Languages.Supported.Contains(language!))
            .WithMessage(_ => CoreText.Get("Workspaces_LanguageInvalid", string.Join(", ", Languages.Supported)))
            .OverridePropertyName("language")
            .When(s => s.Language is not null);
    }
}
