using AgentHub.Core.Leases;
using AgentHub.Core.OAuth;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class OAuthAppConfiguration : IEntityTypeConfiguration<OAuthApp>
{
    public void Configure(EntityTypeBuilder<OAuthApp> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.WorkspaceId, a.ProviderId }).IsUnique();
        builder.Property(a => a.ProviderId).HasMaxLength(64);
        builder.Property(a => a.ClientId).HasMaxLength(OAuthApp.MaxClientIdLength);
        builder.Property(a => a.ProtectedClientSecret).HasMaxLength(4096);
    }
}

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

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(Lease.MaxNameLength);
        builder.Property(l => l.Owner).HasMaxLength(128);
    }
}
