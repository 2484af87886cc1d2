using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class TaskStepConfiguration : IEntityTypeConfiguration<TaskStep>
{
    public void Configure(EntityTypeBuilder<TaskStep> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Effect).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Tool).HasMaxLength(64);
        builder.Property(s => s.Summary).HasMaxLength(TaskStep.MaxSummaryLength);
        builder.HasIndex(s => new { s.TaskId, s.Id });
    }
}
