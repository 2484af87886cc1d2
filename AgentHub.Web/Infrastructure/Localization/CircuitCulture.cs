using System.Globalization;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>
/// The person's culture, as it was when their circuit (or request) began. Work that a server event starts (a task
/// finished, another tab saved a connection) runs in the execution context of whoever published the event, often a
/// background service in English or another person's circuit: such work puts the person's culture back first, so a
/// page that updates live keeps its language.
/// </summary>
public sealed class CircuitCulture
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>Sets the person's culture on the current execution flow (it does not leak past the flow's end).</summary>
    public void Apply()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    /// <summary>The work, run in the person's culture: for a component's InvokeAsync from a server event.</summary>
    public Func<Task> Wrap(Func<Task> work) => () =>
    {
        Apply();
        return work();
    };
}
