using AgentHub.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Tests.Web;

/// <summary>No configuration lowers the floors: not a longer name, not another spelling, not a wildcard.</summary>
public sealed class SensitiveLogFloorTests
{
    [Theory]
    [InlineData("Microsoft.Extensions.AI")]
    [InlineData("Microsoft.Extensions.AI.FunctionInvokingChatClient")]
    [InlineData("microsoft.extensions.ai.FunctionInvokingChatClient")]
    [InlineData("*FunctionInvokingChatClient")]
    [InlineData("Microsoft.Extensions.*")]
    [InlineData("Microsoft.AspNetCore.Hosting.*")]
    public void AConfiguredTraceRule_DoesNotLowerTheFloor(string category)
    {
        using var provider = new ServiceCollection()
            .AddLogging(logging => logging
                .AddConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["LogLevel:Default"] = "Trace",
                    [$"LogLevel:{category}"] = "Trace",
                }).Build())
                .AddFakeLogging())
            .AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, SensitiveLogFloor>()
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Microsoft.Extensions.AI.FunctionInvokingChatClient").IsEnabled(LogLevel.Trace));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("AgentHub.Core.Tasks.TaskRunner").IsEnabled(LogLevel.Trace)); // the rest as configured
    }
}
