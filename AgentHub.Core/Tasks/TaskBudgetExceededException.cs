namespace AgentHub.Core.Tasks;

/// <summary>A task used all the model turns its budget allows.</summary>
public sealed class TaskBudgetExceededException(string message) : Exception(message);
