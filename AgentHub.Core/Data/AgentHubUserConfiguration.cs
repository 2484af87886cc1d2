using AgentHub.Core.Accounts;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class AgentHubUserConfiguration : IEntityTypeConfiguration<AgentHubUser>
{
    public void Configure(EntityTypeBuilder<AgentHubUser> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(u => u.WorkspaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.WorkspaceId);
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.Language).HasMaxLength(8);
        builder.Property(u => u.TimeZone).HasMaxLength(AgentHubUser.MaxTimeZoneLength);
    }
}
