using FluentValidation;

namespace AgentHub.Core.Tasks;

/// <summary>A rejection's reason is optional and at most <see cref="ApprovalService.MaxReasonLength"/> characters.</summary>
public sealed class RejectionValidator : AbstractValidator<Rejection>
{
    public static readonly RejectionValidator Instance = new();

    public RejectionValidator() =>
        RuleFor(r => r.Reason)
            .MaximumLength(ApprovalService.MaxReasonLength)
            .WithMessage($"A reason is at most {ApprovalService.MaxReasonLength} characters.")
            .OverridePropertyName("reason");
}
