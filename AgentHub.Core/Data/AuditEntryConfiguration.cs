using AgentHub.Core.Audit;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(e => e.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.WorkspaceId, e.ProviderId, e.Id });
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.ProviderId).HasMaxLength(64);
        builder.Property(e => e.AgentId).HasMaxLength(64);
        builder.Property(e => e.Fields).HasMaxLength(1024);
        builder.Property(e => e.Outcome).HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(512);
        builder.Property(e => e.DetailSentenceJson).HasMaxLength(AuditEntry.MaxDetailSentenceLength);
    }
}
