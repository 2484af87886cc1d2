using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ProviderCallConfiguration : IEntityTypeConfiguration<ProviderCall>
{
    public void Configure(EntityTypeBuilder<ProviderCall> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);

        // Recent calls of one connection (newest first) and usage windows both walk this index.
        builder.HasIndex(c => new { c.WorkspaceId, c.ProviderId, c.CreatedAt });
        builder.HasIndex(c => c.CreatedAt);

        builder.Property(c => c.ProviderId).HasMaxLength(64);
        builder.Property(c => c.Method).HasMaxLength(8);
        builder.Property(c => c.Host).HasMaxLength(256);
        builder.Property(c => c.Path).HasMaxLength(512);
        builder.Property(c => c.Reason)
            .HasConversion(r => r.ToCode(), s => OutcomeReasons.FromCode(s) ?? OutcomeReason.ProviderError)
            .HasMaxLength(32);
    }
}
