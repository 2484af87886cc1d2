using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using AgentHub.Web.Components.Shared.Credentials;
using AgentHub.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// The integration actions every page offers (configure, test, disconnect, test all), with the user-facing handling
/// of their failures: a snackbar with a sentence, never a raw exception. One instance per circuit.
/// </summary>
public sealed class IntegrationActions(
    IntegrationService service,
    ConnectionTester tester,
    UiActionRunner ui,
    WorkspaceState state,
    IDialogService dialogs,
    ISnackbar snackbar,
    ConnectionTestGate gate,
    IStringLocalizer<SharedText> text)
{
    /// <summary>Opens the credential dialog; true when credentials were saved.</summary>
    public async Task<bool> ConfigureAsync(string agentId, IntegrationView integration)
    {
        var parameters = new DialogParameters<CredentialDialog>
        {
            { d => d.AgentId, agentId },
            { d => d.Integration, integration },
        };
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Small,
            FullWidth = true,
            CloseOnEscapeKey = true,
            BackdropClick = false,
            CloseButton = true,
            DefaultFocus = DefaultFocus.None, // the dialog focuses its first field itself
        };
        var dialog = await dialogs.ShowAsync<CredentialDialog>(text["ConnectDialogTitle", integration.Name].Value, parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false };
    }

    /// <summary>Tests a connection and reports the outcome in a snackbar.</summary>
    public async Task<ConnectionTestResult?> TestAsync(string agentId, string integrationId)
    {
        return await ui.RunAsync(async actor =>
        {
            if (!MayTest(actor))
            {
                return null;
            }

            var result = await tester.ConnectAsync(actor, agentId, integrationId);
            await state.ApplyAsync(result.Integration);
            snackbar.Add(result.Outcome.Message, result.Outcome.Success ? Severity.Success : Severity.Error);
            return result;
        });
    }

    public async Task<bool> DisconnectAsync(string agentId, IntegrationView integration)
    {
        var others = integration.SharedWith.Select(Capitalize).ToList();
        var message = others.Count switch
        {
            0 => text["DisconnectMessage"].Value,
            1 => text["DisconnectMessageSharedOne", others[0]].Value,
            _ => text["DisconnectMessageSharedMany", JoinNames(others)].Value,
        };
        var confirmed = await dialogs.ShowMessageBoxAsync(
            text["DisconnectTitle", integration.Name].Value,
            message,
            yesText: text["DisconnectButton"].Value,
            cancelText: text["Cancel"].Value);
        if (confirmed != true)
        {
            return false;
        }

        var done = await ui.RunAsync(async actor =>
        {
            await service.DisconnectAsync(actor, agentId, integration.Id);
            snackbar.Add(text["Disconnected", integration.Name].Value, Severity.Info);
            return true;
        });
        return done;
    }

    /// <summary>Tests every configured connection, reporting progress as each check ends.</summary>
    public async Task<IReadOnlyList<ConnectionTestResult>> TestAllAsync(IProgress<TestAllProgress> progress)
    {
        return await ui.RunAsync(async actor =>
        {
            if (!MayTest(actor))
            {
                return [];
            }

            var results = await tester.TestAllAsync(actor, progress);
            var failed = results.Count(r => !r.Outcome.Success);
            snackbar.Add(
                results.Count == 0 ? text["TestAllNothing"].Value
                : failed == 0 ? text["TestAllWork", results.Count].Value
                : text["TestAllNeedAttention", failed, results.Count].Value,
                failed == 0 ? Severity.Success : Severity.Warning);
            return results;
        }) ?? [];
    }

    /// <summary>Takes a connection-test permit for the user, or says in a snackbar how long to wait.</summary>
    private bool MayTest(WorkspaceActor actor)
    {
        if (gate.TryEnter(actor.UserId) is not { } wait)
        {
            return true;
        }

        snackbar.Add(text["TooManyTests", Math.Ceiling(wait.TotalSeconds)].Value, Severity.Warning);
        return false;
    }

    private static string Capitalize(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..];

    /// <summary>"Cassie, Mia and Soshie": the last two joined by the language's "and".</summary>
    private string JoinNames(IReadOnlyList<string> names) =>
        text["NamesAnd", string.Join(", ", names.Take(names.Count - 1)), names[^1]].Value;
}
