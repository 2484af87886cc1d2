namespace AgentHub.Core.Actions;

/// <summary>Carries out one catalog action against the provider's API. Implemented by AgentHub.Integrations.</summary>
public interface IActionExecutor
{
    Task<ActionOutcome> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken);
}
