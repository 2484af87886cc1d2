using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Core;

/// <summary>The generated key ring certificate's validity comes from the injected clock, not the machine's.</summary>
public sealed class KeyRingCertificateClockTests
{
    [Fact]
    public void AGeneratedCertificate_IsValidFromTheInjectedClock_ForAHundredYears()
    {
        var folder = Path.Combine(TestPaths.Databases, $"clock-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AgentHub"] = $"Data Source={Path.Combine(folder, "agenthub.db")}",
        }).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 17, 8, 0, 0, TimeSpan.Zero));
        try
        {
            using var keyRing = new KeyRingCertificate(Options.Create(new KeyRingCertificateOptions()), configuration, clock, NullLogger<KeyRingCertificate>.Instance);

            var certificate = keyRing.Certificate;

            Assert.Equal(new DateTime(2031, 5, 16, 8, 0, 0, DateTimeKind.Utc), certificate.NotBefore.ToUniversalTime());
            Assert.Equal(2131, certificate.NotAfter.ToUniversalTime().Year);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
