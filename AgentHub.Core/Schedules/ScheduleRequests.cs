using System.Text.Json.Serialization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using FluentValidation;

namespace AgentHub.Core.Schedules;

/// <summary>
/// `POST /api/schedules` and `PUT /api/schedules/{id}`: a helper, an instruction, when (a cron expression or a preset),
/// an IANA time zone (default: the author's), optional start and end instants, enabled or paused, and optional
/// narrower approval policies for its own runs (tool → ask | never).
/// </summary>
public sealed record SaveScheduleRequest(
    [property: JsonPropertyName("agent_id")] string? AgentId,
    [property: JsonPropertyName("instruction")] string? Instruction,
    [property: JsonPropertyName("cron")] string? Cron = null,
    [property: JsonPropertyName("preset")] SchedulePreset? Preset = null,
    [property: JsonPropertyName("time_zone")] string? TimeZone = null,
    [property: JsonPropertyName("enabled")] bool Enabled = true,
    [property: JsonPropertyName("starts_at")] DateTimeOffset? StartsAt = null,
    [property: JsonPropertyName("ends_at")] DateTimeOffset? EndsAt = null,
    [property: JsonPropertyName("policies")] Dictionary<string, string?>? Policies = null)
{
    /// <summary>The expression to store: the cron given, or the preset's.</summary>
    public string? Expression => Preset is not null ? Preset.ToCron() : Cron?.Trim();
}

public sealed class SaveScheduleRequestValidator : AbstractValidator<SaveScheduleRequest>
{
    public SaveScheduleRequestValidator(IIntegrationCatalog catalog)
    {
        RuleFor(r => r.AgentId).KnownAgent(catalog);
        RuleFor(r => r.Instruction)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => CoreText.Get("Schedules_InstructionRequired"))
            .Must(t => t is null || t.Trim().Length <= AgentTask.MaxDescriptionLength)
            .WithMessage(_ => CoreText.Get("Schedules_InstructionTooLong", AgentTask.MaxDescriptionLength))
            .OverridePropertyName("instruction");
        RuleFor(r => r).Custom((r, context) =>
        {
            if (r.Preset is null && string.IsNullOrWhiteSpace(r.Cron))
            {
                context.AddFailure("cron", CoreText.Get("Schedules_WhenRequired"));
            }
            else if (r.Preset is not null && !string.IsNullOrWhiteSpace(r.Cron))
            {
                context.AddFailure("cron", CoreText.Get("Schedules_CronOrPreset"));
            }
            else if (r.Preset is { } preset)
            {
                if (!SchedulePreset.Kinds.Contains(preset.Kind))
                {
                    context.AddFailure("preset.kind", CoreText.Get("Schedules_PresetKind", string.Join(", ", SchedulePreset.Kinds)));
                }
                else if (preset.ToCron() is null)
                {
                    context.AddFailure("preset", CoreText.Get("Schedules_PresetFields"));
                }
            }
            else if (r.Cron!.Trim().Length > Schedule.MaxCronLength || !ScheduleWhen.TryParse(r.Cron, out _))
            {
                context.AddFailure("cron", CoreText.Get("Schedules_CronInvalid"));
            }
        });
        RuleFor(r => r.TimeZone)
            .Must(z => z is null || (z.Trim().Length <= Schedule.MaxTimeZoneLength && ScheduleWhen.FindZone(z) is not null))
            .WithMessage((_, z) => CoreText.Get("Schedules_ZoneUnknown", Text.Shorten(z ?? "", 64)))
            .OverridePropertyName("time_zone");
        RuleFor(r => r.EndsAt)
            .Must((r, ends) => ends is null || r.StartsAt is null || ends > r.StartsAt)
            .WithMessage(_ => CoreText.Get("Schedules_EndsBeforeStarts"))
            .OverridePropertyName("ends_at");
        // A schedule narrows the workspace's policies; it cannot allow what the workspace asks about.
        RuleFor(r => r).Custom((request, context) =>
            ApprovalPolicies.Check(context, catalog, request.Policies, accepted: p => p is ApprovalPolicyKind.Ask or ApprovalPolicyKind.Never,
                refusedKey: "Schedules_PolicyNarrowOnly"));
    }
}
