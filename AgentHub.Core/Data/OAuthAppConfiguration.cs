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
