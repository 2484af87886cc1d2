using AgentHub.Core.Common;
using FluentValidation;

namespace AgentHub.Core.Brain;

/// <summary>The profile's fields: each bounded; the website an absolute http(s) address.</summary>
public sealed class BrainProfileValidator : AbstractValidator<BrainProfileRequest>
{
    public static readonly BrainProfileValidator Instance = new();

    public BrainProfileValidator()
    {
        RuleFor(r => r.BusinessName).MaximumLength(200).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", 200));
        RuleFor(r => r.Offer).MaximumLength(BrainProfile.MaxFieldLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainProfile.MaxFieldLength));
        RuleFor(r => r.Audience).MaximumLength(BrainProfile.MaxFieldLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainProfile.MaxFieldLength));
        RuleFor(r => r.Voice).MaximumLength(BrainProfile.MaxFieldLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainProfile.MaxFieldLength));
        RuleFor(r => r.WordsToUse).MaximumLength(BrainProfile.MaxFieldLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainProfile.MaxFieldLength));
        RuleFor(r => r.WordsToAvoid).MaximumLength(BrainProfile.MaxFieldLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainProfile.MaxFieldLength));
        RuleFor(r => r.Website)
            .Must(w => w is null || w.Length == 0 || (w.Length <= 500 && Uri.TryCreate(w, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            .WithMessage(_ => CoreText.Get("Brain_WebsiteInvalid"));
    }
}

/// <summary>A note: a title and some text, both bounded.</summary>
public sealed class BrainNoteValidator : AbstractValidator<BrainNoteRequest>
{
    public static readonly BrainNoteValidator Instance = new();

    public BrainNoteValidator()
    {
        RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => CoreText.Get("Brain_TitleRequired"))
            .MaximumLength(BrainSource.MaxTitleLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainSource.MaxTitleLength));
        RuleFor(r => r.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => CoreText.Get("Brain_TextRequired"))
            .MaximumLength(BrainSource.MaxNoteLength).WithMessage(_ => CoreText.Get("Brain_FieldTooLong", BrainSource.MaxNoteLength));
    }
}
