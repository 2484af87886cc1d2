using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Tasks;

/// <summary>A rejection's reason is optional and at most <see cref="ApprovalService.MaxReasonLength"/> characters.</summary>
public sealed class RejectionValidator : AbstractValidator<Rejection>
{
    public static readonly RejectionValidator Instance = new();

    public RejectionValidator() =>
        RuleFor(r => r.Reason)
            .MaximumLength(ApprovalService.MaxReasonLength)
            .WithMessage(_ => CoreText.Get("Tasks_ReasonTooLong", ApprovalService.MaxReasonLength))
            .OverridePropertyName("reason");
}
