using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.Property(w => w.Name).HasMaxLength(Workspace.MaxNameLength);
        builder.Property(w => w.Language).HasMaxLength(8).HasDefaultValue(Common.Languages.English);
        builder.Property(w => w.BudgetAlerted).HasMaxLength(16);
    }
}
