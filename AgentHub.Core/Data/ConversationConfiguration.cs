using AgentHub.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.AgentId).HasMaxLength(64);
        builder.Property(c => c.Title).HasMaxLength(Conversation.MaxTitleLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(450);
        builder.Property(c => c.Summary).HasMaxLength(16000);
        builder.HasIndex(c => new { c.WorkspaceId, c.AgentId, c.UpdatedAt });
    }
}
