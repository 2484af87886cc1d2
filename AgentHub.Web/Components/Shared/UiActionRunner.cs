using AgentHub.Core.Common;
using AgentHub.Core.Workspaces;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// The one way a UI action runs (one instance per circuit): as the current user, with every failure turned into a
/// sentence for the user instead of an exception that would tear the circuit down.
/// </summary>
public sealed partial class UiActionRunner(
    ActorResolver actors,
    AuthenticationStateProvider authentication,
    ISnackbar snackbar,
    IStringLocalizer<SharedText> text,
    ILogger<UiActionRunner> logger)
{
    /// <summary>What the user reads when an action failed for a reason of ours (the details are in the server log).</summary>
    public string OurFault => text["OurFault"].Value;

    /// <summary>The signed-in user as a workspace actor, read with their current role.</summary>
    public async Task<WorkspaceActor> ActorAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await actors.ResolveAsync(state.User);
    }

    /// <summary>
    /// Runs an action as the current user (or the given actor). Known failures (conflict, forbidden, not found, invalid
    /// input, ended session) say what happened; anything else is logged and reported as our fault. The sentence goes to
    /// <paramref name="showProblem"/> when given (a dialog or form shows it in place), otherwise to a snackbar.
    /// </summary>
    public async Task<T?> RunAsync<T>(Func<WorkspaceActor, Task<T>> action, WorkspaceActor? actor = null, Action<string>? showProblem = null)
    {
        string message;
        var severity = Severity.Warning;
        try
        {
            return await action(actor ?? await ActorAsync());
        }
        catch (Exception ex) when (ex is ConflictException or ForbiddenException or NotFoundException or ValidationException or UnauthorizedAccessException or PayloadTooLargeException)
        {
            message = ex is ValidationException validation ? string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()) : ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailure(logger, ex);
            message = OurFault;
            severity = Severity.Error;
        }

        if (showProblem is not null)
        {
            showProblem(message);
        }
        else
        {
            snackbar.Add(message, severity);
        }

        return default;
    }

    /// <summary>Tells the user how an action ended (a snackbar).</summary>
    public void Notify(string message, Severity severity) => snackbar.Add(message, severity);

    [LoggerMessage(Level = LogLevel.Error, Message = "A UI action failed")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
