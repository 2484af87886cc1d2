using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.AgentId).HasMaxLength(64);
        builder.Property(a => a.RequestedBy).HasMaxLength(Accounts.AccessToken.MaxNameLength);
        builder.Property(a => a.CallId).HasMaxLength(128);
        builder.Property(a => a.ProviderId).HasMaxLength(64);
        builder.Property(a => a.ActionName).HasMaxLength(128);
        builder.Property(a => a.Tool).HasMaxLength(128);
        builder.Property(a => a.Preview).HasMaxLength(2000);
        builder.Property(a => a.AccountName).HasMaxLength(Connections.Connection.MaxAccountNameLength);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.DecidedBy).HasMaxLength(450);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.Property(a => a.Result).HasMaxLength(8000);
        // One approval per tool call: a resumed run that meets the same call again finds it instead of asking twice.
        builder.HasIndex(a => new { a.TaskId, a.CallId }).IsUnique();
        builder.HasIndex(a => new { a.WorkspaceId, a.Status });
        builder.HasOne<AgentTask>().WithMany().HasForeignKey(a => a.TaskId).IsRequired(false).OnDelete(DeleteBehavior.Cascade);
    }
}
