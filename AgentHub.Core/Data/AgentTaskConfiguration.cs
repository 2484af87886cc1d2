using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class AgentTaskConfiguration : IEntityTypeConfiguration<AgentTask>
{
    public void Configure(EntityTypeBuilder<AgentTask> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.AgentId).HasMaxLength(64);
        builder.Property(t => t.Source).HasMaxLength(16);
        builder.Property(t => t.SourceRef).HasMaxLength(128);
        builder.Property(t => t.Description).HasMaxLength(AgentTask.MaxDescriptionLength);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.CreatedBy).HasMaxLength(450);
        builder.Property(t => t.TriggerJson).HasMaxLength(1024);
        builder.Property(t => t.Result).HasMaxLength(8000);
        builder.Property(t => t.Error).HasMaxLength(2000);
        builder.HasIndex(t => new { t.WorkspaceId, t.CreatedAt });
        builder.HasIndex(t => t.Status);
        builder.HasIndex(t => new { t.ConversationId, t.TurnIndex }).IsUnique();
        builder.HasIndex(t => t.ParentTaskId);
        builder.HasIndex(t => t.ScheduleId);
        builder.HasOne<Conversations.Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Steps).WithOne().HasForeignKey(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
