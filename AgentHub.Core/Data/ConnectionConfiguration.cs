using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AgentHub.Core.Data;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.HasOne<Workspace>().WithMany().HasForeignKey(c => c.WorkspaceId).OnDelete(DeleteBehavior.Cascade);

        // One connection per workspace and provider, shared by every agent that uses the provider.
        builder.HasIndex(c => new { c.WorkspaceId, c.ProviderId }).IsUnique();

        builder.Property(c => c.ProviderId).HasMaxLength(64);
        builder.Property(c => c.AccountName).HasMaxLength(Connection.MaxAccountNameLength);
        builder.Property(c => c.Status)
            .HasConversion(s => s.ToCode(), s => Enum.Parse<ConnectionStatus>(s, true))
            .HasMaxLength(16);
        builder.Property(c => c.StatusReason)
            .HasConversion(r => r!.Value.ToCode(), s => OutcomeReasons.FromCode(s))
            .HasMaxLength(32);
        builder.Property(c => c.StatusMessage).HasMaxLength(1024);
        builder.Property(c => c.ProviderMessage).HasMaxLength(512);
        builder.Property(c => c.SettingsJson).HasMaxLength(16_384);
        builder.Property(c => c.SecretNames).HasMaxLength(512);
        builder.Property(c => c.ProtectedSecrets).HasMaxLength(65_536);

        builder.Property(c => c.AuthMethod)
            .HasConversion(m => m == ConnectionAuthMethod.OAuth2 ? "oauth2" : "credentials", s => s == "oauth2" ? ConnectionAuthMethod.OAuth2 : ConnectionAuthMethod.Credentials)
            .HasMaxLength(16)
            .HasDefaultValue(ConnectionAuthMethod.Credentials);

        // The background refresh job looks for OAuth connections whose tokens expire soon.
        builder.HasIndex(c => new { c.AuthMethod, c.AccessTokenExpiresAt });

        // A client-set GUID rather than rowversion: the same token works on SQLite and SQL Server.
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
