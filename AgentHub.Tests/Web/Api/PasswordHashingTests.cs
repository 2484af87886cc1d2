using AgentHub.Tests.Infrastructure;
using AgentHub.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentHub.Tests.Web.Api;

/// <summary>The in-process test host hashes passwords cheaply for speed; the app itself must keep Identity's strength.</summary>
public sealed class PasswordHashingTests
{
    [Fact]
    public void TheAppsOwnRegistrations_KeepIdentitysDefaultHashStrength()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddAgentHubAuth(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;

        Assert.Equal(new PasswordHasherOptions().IterationCount, options.IterationCount);
        Assert.True(options.IterationCount >= 100_000);
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, options.CompatibilityMode);
        Assert.True(AgentHubFactory.TestPasswordHashIterations < options.IterationCount);
    }
}
