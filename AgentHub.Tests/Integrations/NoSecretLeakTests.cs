using System.Text;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Integrations;

/// <summary>For every provider: no secret in the call log, the logs, or any outcome message, valid or wrong.</summary>
public sealed class NoSecretLeakTests(ProviderChecksFixture fixture) : IClassFixture<ProviderChecksFixture>
{
    public static TheoryData<string> AllProviders => new(FakeProviders.All.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task NoSecretAppears_InTheCallLogTheLogsOrTheOutcome(string providerId)
    {
        var fake = FakeProviders.Get(providerId);
        fixture.Providers.Reset();
        var outcomes = new List<string>();
        foreach (var values in new[] { fake.Valid, fake.WithWrongSecret() })
        {
            var result = await fixture.ConfigureAndConnectAsync(providerId, values);
            outcomes.Add($"{result.Outcome.Message} {result.Outcome.ProviderMessage} {result.Integration.StatusMessage} {result.Integration.ProviderMessage}");
        }

        await using var db = await fixture.Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        var calls = await db.ProviderCalls.AsNoTracking().Where(c => c.ProviderId == providerId).ToListAsync();
        Assert.True(calls.Count >= 2);
        var callLog = string.Join('\n', calls.Select(c => $"{c.Method} {c.Host} {c.Path} {c.StatusCode} {c.Reason}"));
        var logs = fixture.Factory.AllLogText();

        var check = fixture.Factory.Services.GetRequiredService<AgentHub.Integrations.Catalog.IntegrationCatalog>().FindCheck(providerId)!;
        var secrets = check.Provider.SecretFields
            .SelectMany(f => new[] { fake.Valid[f.Name], fake.WithWrongSecret()[f.Name] })
            .Distinct()
            .ToList();
        if (fake.AuthHeader is { Name: "Authorization" } header && header.Value.StartsWith("Basic ", StringComparison.Ordinal))
        {
            secrets.Add(header.Value["Basic ".Length..]);
        }

        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, callLog);
            Assert.DoesNotContain(secret, logs);
            Assert.All(outcomes, o => Assert.DoesNotContain(secret, o));
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), logs);
        }
    }
}
