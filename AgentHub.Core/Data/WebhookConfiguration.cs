using AgentHub.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ProviderId).HasMaxLength(64);
        builder.Property(e => e.KeyHash).HasMaxLength(64);
        builder.Property(e => e.SecretNames).HasMaxLength(256);
        builder.HasIndex(e => e.KeyHash).IsUnique();
        builder.HasIndex(e => new { e.WorkspaceId, e.ProviderId }).IsUnique();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ProviderId).HasMaxLength(64);
        builder.Property(d => d.EventId).HasMaxLength(WebhookDelivery.MaxEventIdLength);
        builder.Property(d => d.EventType).HasMaxLength(WebhookDelivery.MaxEventTypeLength);
        builder.Property(d => d.SubjectId).HasMaxLength(WebhookDelivery.MaxSubjectLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.LeaseOwner).HasMaxLength(128);
        builder.Property(d => d.LastError).HasMaxLength(1024);
        builder.Property(d => d.SkippedReason).HasMaxLength(512);
        builder.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.WorkspaceId, d.ProviderId, d.ReceivedAt });
        builder.HasIndex(d => d.ReceivedAt);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookRuleConfiguration : IEntityTypeConfiguration<WebhookRule>
{
    public void Configure(EntityTypeBuilder<WebhookRule> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ProviderId).HasMaxLength(64);
        builder.Property(r => r.EventType).HasMaxLength(WebhookDelivery.MaxEventTypeLength);
        builder.Property(r => r.AgentId).HasMaxLength(64);
        builder.Property(r => r.Instruction).HasMaxLength(WebhookRule.MaxInstructionLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(450);
        builder.HasIndex(r => new { r.WorkspaceId, r.ProviderId, r.EventType, r.AgentId }).IsUnique();
    }
}
