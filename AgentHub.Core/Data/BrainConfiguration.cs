using AgentHub.Core.Brain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class BrainProfileConfiguration : IEntityTypeConfiguration<BrainProfile>
{
    public void Configure(EntityTypeBuilder<BrainProfile> builder)
    {
        builder.HasKey(p => p.WorkspaceId);
        builder.Property(p => p.BusinessName).HasMaxLength(200);
        builder.Property(p => p.Offer).HasMaxLength(BrainProfile.MaxFieldLength);
        builder.Property(p => p.Audience).HasMaxLength(BrainProfile.MaxFieldLength);
        builder.Property(p => p.Voice).HasMaxLength(BrainProfile.MaxFieldLength);
        builder.Property(p => p.WordsToUse).HasMaxLength(BrainProfile.MaxFieldLength);
        builder.Property(p => p.WordsToAvoid).HasMaxLength(BrainProfile.MaxFieldLength);
        builder.Property(p => p.Website).HasMaxLength(500);
        builder.HasOne<Workspaces.Workspace>().WithOne().HasForeignKey<BrainProfile>(p => p.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BrainSourceConfiguration : IEntityTypeConfiguration<BrainSource>
{
    public void Configure(EntityTypeBuilder<BrainSource> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Title).HasMaxLength(BrainSource.MaxTitleLength);
        builder.Property(s => s.ErrorJson).HasMaxLength(1024);
        builder.Property(s => s.Url).HasMaxLength(BrainSource.MaxUrlLength);
        builder.Property(s => s.FileName).HasMaxLength(260);
        builder.Property(s => s.MediaType).HasMaxLength(100);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.ETag).HasMaxLength(200);
        builder.Property(s => s.LastModified).HasMaxLength(100);
        builder.Property(s => s.CreatedBy).HasMaxLength(450);
        builder.HasIndex(s => new { s.WorkspaceId, s.CreatedAt });
        builder.HasIndex(s => s.Status);
        builder.HasOne<Workspaces.Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BrainSourceContentConfiguration : IEntityTypeConfiguration<BrainSourceContent>
{
    public void Configure(EntityTypeBuilder<BrainSourceContent> builder)
    {
        builder.HasKey(c => c.SourceId);
        builder.HasOne<BrainSource>().WithOne().HasForeignKey<BrainSourceContent>(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BrainChunkConfiguration : IEntityTypeConfiguration<BrainChunk>
{
    public void Configure(EntityTypeBuilder<BrainChunk> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Location).HasMaxLength(500);
        builder.Property(c => c.WorkspaceKey).HasMaxLength(33);
        builder.HasIndex(c => new { c.SourceId, c.Generation });
        builder.HasIndex(c => c.WorkspaceId);
        builder.HasOne<BrainSource>().WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BrainChunkMatchConfiguration : IEntityTypeConfiguration<BrainChunkMatch>
{
    // Rows of a raw full-text query only: no table.
    public void Configure(EntityTypeBuilder<BrainChunkMatch> builder) => builder.HasNoKey().ToView(null);
}
