using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Infrastructure;

public static class FakeClock
{
    /// <summary>
    /// Runs an operation whose waits run on the fake clock (retry delays, Retry-After), moving the clock a step at a
    /// time until it ends. Returns the result and how much fake time passed.
    /// </summary>
    public static async Task<(
        T Result,
        TimeSpan Elapsed)> RunUntilDoneAsync<T>(this FakeTimeProvider clock, Func<Task<T>> operation, TimeSpan step, TimeSpan limit)
    {
        var started = clock.GetUtcNow();
        var task = operation();
        while (!task.IsCompleted)
        {
            Assert.True(clock.GetUtcNow() - started < limit, $"still running after {limit} of fake time");
            await Task.WhenAny(task, Task.Delay(10));
            if (!task.IsCompleted)
            {
                clock.Advance(step);
            }
        }

        return (await task, clock.GetUtcNow() - started);
    }
}
