using AgentHub.Core.Mcp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class RemoteMcpServerConfiguration : IEntityTypeConfiguration<RemoteMcpServer>
{
    public void Configure(EntityTypeBuilder<RemoteMcpServer> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(RemoteMcpServer.MaxNameLength);
        builder.Property(s => s.Url).HasMaxLength(RemoteMcpServer.MaxUrlLength);
        builder.Property(s => s.HeaderName).HasMaxLength(RemoteMcpServer.MaxHeaderNameLength);
        builder.Property(s => s.AgentIds).HasMaxLength(512);
        builder.Property(s => s.Error).HasMaxLength(1000);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.Ignore(s => s.Agents);
        builder.Ignore(s => s.Tools);
        // A name is its tools' prefix: one per workspace.
        builder.HasIndex(s => new { s.WorkspaceId, s.Name }).IsUnique();
    }
}
