using AgentHub.Core.Schedules;
using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ScheduleConfiguration : IEntityTypeConfiguration<Schedule>
{
    public void Configure(EntityTypeBuilder<Schedule> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.AgentId).HasMaxLength(64);
        builder.Property(s => s.Instruction).HasMaxLength(AgentTask.MaxDescriptionLength);
        builder.Property(s => s.Cron).HasMaxLength(Schedule.MaxCronLength);
        builder.Property(s => s.PresetJson).HasMaxLength(256);
        builder.Property(s => s.TimeZone).HasMaxLength(Schedule.MaxTimeZoneLength);
        builder.Property(s => s.PoliciesJson).HasMaxLength(4000);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.WorkspaceId, s.AgentId });
        // What the scheduler reads every poll: the enabled schedules that are due.
        builder.HasIndex(s => new { s.Enabled, s.NextOccurrence });
    }
}

internal sealed class ScheduleRunConfiguration : IEntityTypeConfiguration<ScheduleRun>
{
    public void Configure(EntityTypeBuilder<ScheduleRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Skipped).HasMaxLength(64);
        // Each occurrence is taken once, whatever the number of instances: the second insert fails.
        builder.HasIndex(r => new { r.ScheduleId, r.Occurrence, r.Manual }).IsUnique();
        builder.HasOne<Schedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalPolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> builder)
    {
        builder.HasKey(p => new { p.WorkspaceId, p.Tool });
        builder.Property(p => p.Tool).HasMaxLength(128);
        builder.Property(p => p.Policy).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.UpdatedBy).HasMaxLength(450);
    }
}
