namespace AgentHub.Web.Infrastructure;

public static class BootstrapAdmin
{
    /// <summary>Creates `Auth:BootstrapAdmin` at startup if configured and missing.</summary>
    public static async Task EnsureBootstrapAdminAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureBootstrapAdminAsync();
    }
}
