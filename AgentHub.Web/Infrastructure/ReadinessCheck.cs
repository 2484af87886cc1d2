using AgentHub.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Ready to serve: the database answers, every migration is applied, and the Data Protection key ring is readable
/// (each key decrypts with the key ring certificate, and a value round-trips). The result carries no detail to the
/// caller: the endpoints write only "Healthy" or "Unhealthy"; the reason goes to the log.
/// </summary>
internal sealed partial class ReadinessCheck(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    KeyRingCertificate certificate,
    IDataProtectionProvider protection,
    ILogger<ReadinessCheck> logger) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return Unhealthy("the database does not answer");
            }

            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                return Unhealthy("migrations are pending");
            }

            // Each stored key, read from the database now (the framework caches what it decrypted earlier).
            foreach (var xml in await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(cancellationToken))
            {
                if (xml is not null)
                {
                    certificate.VerifyDecrypts(xml);
                }
            }

            var protector = protection.CreateProtector("AgentHub.Readiness");
            if (protector.Unprotect(protector.Protect("ready")) != "ready")
            {
                return Unhealthy("the key ring does not round-trip");
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotReady(logger, ex);
            return HealthCheckResult.Unhealthy();
        }
    }

    private HealthCheckResult Unhealthy(string reason)
    {
        LogNotReadyBecause(logger, reason);
        return HealthCheckResult.Unhealthy();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    private static partial void LogNotReadyBecause(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
