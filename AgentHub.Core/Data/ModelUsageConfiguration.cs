using AgentHub.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ModelUsageConfiguration : IEntityTypeConfiguration<ModelUsage>
{
    public void Configure(EntityTypeBuilder<ModelUsage> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Model).HasMaxLength(128);
        builder.Property(u => u.AgentId).HasMaxLength(64);
        builder.Property(u => u.Source).HasMaxLength(16);
        builder.Property(u => u.SourceRef).HasMaxLength(128);
        builder.HasIndex(u => new { u.WorkspaceId, u.At });
        builder.HasIndex(u => u.TaskId);
        builder.HasIndex(u => u.ConversationId);
    }
}

internal sealed class ModelUsageDayConfiguration : IEntityTypeConfiguration<ModelUsageDay>
{
    public void Configure(EntityTypeBuilder<ModelUsageDay> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Model).HasMaxLength(128);
        builder.Property(u => u.AgentId).HasMaxLength(64);
        builder.Property(u => u.Source).HasMaxLength(16);
        // One row per day, helper, source and model: two instances recording at once meet on this key.
        builder.HasIndex(u => new { u.WorkspaceId, u.Day, u.AgentId, u.Source, u.Model }).IsUnique();
    }
}
