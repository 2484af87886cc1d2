using AgentHub.Core.Common;
using FluentValidation;
using FluentValidation.Results;

namespace AgentHub.Core.Workspaces;

/// <summary>The one rule for a role given by a caller: member, admin or owner, by name (never a number).</summary>
public sealed class WorkspaceRoleValidator : AbstractValidator<string?>
{
    public static readonly WorkspaceRoleValidator Instance = new();

    private WorkspaceRoleValidator()
    {
        RuleFor(role => role)
            .Must(role => TryParse(role, out _))
            .WithMessage(_ => Message)
            .OverridePropertyName("role");
    }

    /// <summary>A missing role (<c>null</c>) is a field error like any other, not FluentValidation's "null model" exception.</summary>
    protected override bool PreValidate(ValidationContext<string?> context, ValidationResult result)
    {
        if (context.InstanceToValidate is null)
        {
            result.Errors.Add(new ValidationFailure("role", Message));
            return false;
        }

        return true;
    }

    /// <summary>The role a caller named, or a <see cref="ValidationException"/> on the `role` field.</summary>
    public static WorkspaceRole Parse(string? role)
    {
        Instance.ValidateAndThrow(role);
        TryParse(role, out var parsed);
        return parsed;
    }

    /// <summary>A role that reached a service as a value (from the UI's select): it must be one of the three.</summary>
    public static void Ensure(WorkspaceRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ValidationException([new ValidationFailure("role", Message)]);
        }
    }

    /// <summary>The message, in the language of the moment (the instance is shared).</summary>
    private static string Message => CoreText.Get("Workspaces_RoleInvalid");

    private static bool TryParse(string? role, out WorkspaceRole parsed) =>
        Enum.TryParse(role, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _);
}
