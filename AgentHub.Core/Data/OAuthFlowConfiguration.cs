using AgentHub.Core.OAuth;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class OAuthFlowConfiguration : IEntityTypeConfiguration<OAuthFlow>
{
    public void Configure(EntityTypeBuilder<OAuthFlow> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(f => f.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.StateHash).IsUnique();
        builder.HasIndex(f => f.ExpiresAt);
        builder.Property(f => f.StateHash).HasMaxLength(64);
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.AgentId).HasMaxLength(64);
        builder.Property(f => f.ProviderId).HasMaxLength(64);
        builder.Property(f => f.SettingsJson).HasMaxLength(16_384);
        builder.Property(f => f.ProtectedCodeVerifier).HasMaxLength(4096);
    }
}
