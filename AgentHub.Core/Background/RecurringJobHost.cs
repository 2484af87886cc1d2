using Microsoft.Extensions.Hosting;

namespace AgentHub.Core.Background;

/// <summary>Runs the <see cref="RecurringJobRunner"/> for the app's lifetime (a test host removes it to drive jobs by hand).</summary>
public sealed class RecurringJobHost(RecurringJobRunner runner) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Common.Languages.UseEnglish();
        try
        {
            await runner.RunAllAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
