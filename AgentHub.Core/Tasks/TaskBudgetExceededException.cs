using AgentHub.Core.Common;

namespace AgentHub.Core.Tasks;

/// <summary>A task used all the model turns its budget allows.</summary>
public sealed class TaskBudgetExceededException(Sentence sentence) : Exception(sentence.English())
{
    public Sentence Sentence { get; } = sentence;
}
