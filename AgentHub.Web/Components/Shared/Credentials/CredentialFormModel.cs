using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Shared.Credentials;

/// <summary>
/// The credential form's state and rules, apart from its rendering: the values typed, the stored settings and which
/// secrets are saved (never their values), the same FluentValidation rules as the API per field or for the whole form,
/// what a failed test says about a field, and what is kept once the values are stored.
/// </summary>
public sealed class CredentialFormModel
{
    private readonly CredentialValidators _validators;
    private readonly IStringLocalizer<CredentialText> _text;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _savedSecrets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revealed = new(StringComparer.Ordinal);

    /// <summary>What the provider's answer (or the server) says about a field, until the user edits it.</summary>
    private readonly Dictionary<string, string> _pointed = new(StringComparer.Ordinal);

    public CredentialFormModel(
        ProviderDefinition provider, IntegrationView integration, CredentialValidators validators, IStringLocalizer<CredentialText> text)
    {
        Provider = provider;
        _validators = validators;
        _text = text;
        foreach (var field in provider.Fields)
        {
            var view = integration.RequiredCredentials.FirstOrDefault(f => f.Name == field.Name);
            if (field.IsSecret && view?.IsSet == true)
            {
                _savedSecrets.Add(field.Name);
            }
            else if (view?.Value is { } value)
            {
                _stored[field.Name] = value;
            }

            // Secrets are never sent to the browser: a saved one shows as "saved", and blank keeps it.
            _values[field.Name] = field.IsSecret ? "" : _stored.GetValueOrDefault(field.Name, "");
        }
    }

    public ProviderDefinition Provider { get; }

    public string Value(string name) => _values.GetValueOrDefault(name, "");

    public bool IsRevealed(string name) => _revealed.Contains(name);

    public bool IsSaved(string name) => _savedSecrets.Contains(name);

    /// <summary>A required secret that is saved may be left blank (it is kept).</summary>
    public bool RequiredNow(CredentialField field) => field.Required && !(field.IsSecret && _savedSecrets.Contains(field.Name));

    /// <summary>
    /// "Saved — leave blank to keep it" for a saved secret, unless a test refused the saved one or the server asks for it
    /// again: then keeping it is no advice.
    /// </summary>
    public string? PlaceholderOf(CredentialField field) =>
        field.IsSecret && _savedSecrets.Contains(field.Name) && !_pointed.ContainsKey(field.Name)
            ? _text["SavedSecretPlaceholder"].Value
            : field.Placeholder;

    /// <summary>A value typed: whatever a test said about this field no longer holds.</summary>
    public void Set(string name, string? value)
    {
        _values[name] = value ?? "";
        _pointed.Remove(name);
    }

    public void ToggleReveal(string name)
    {
        if (!_revealed.Remove(name))
        {
            _revealed.Add(name);
        }
    }

    /// <summary>The values as the API takes them (a blank secret keeps the saved one).</summary>
    public Dictionary<string, string?> Values() => _values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);

    /// <summary>The values of <paramref name="names"/> only (the settings asked before an OAuth authorization).</summary>
    public Dictionary<string, string?> Values(IEnumerable<string> names) => names.ToDictionary(name => name, name => (string?)Value(name), StringComparer.Ordinal);

    public CredentialSubmission Submission() => CredentialSubmission.Create(Provider, Values(), _stored, _savedSecrets);

    /// <summary>
    /// One field's messages, with <paramref name="value"/> as typed and the other fields as they stand (the rules
    /// compare fields); when the rules pass, what a failed test said about the field.
    /// </summary>
    public async Task<IReadOnlyList<string>> ValidateFieldAsync(string name, string? value)
    {
        var snapshot = Values();
        snapshot[name] = value;
        var result = await _validators.For(Provider).ValidateAsync(
            CredentialSubmission.Create(Provider, snapshot, _stored, _savedSecrets), o => o.IncludeProperties(name));
        var messages = result.Errors.Select(e => e.ErrorMessage).Distinct().ToList();
        if (messages.Count == 0 && _pointed.TryGetValue(name, out var pointed))
        {
            messages.Add(pointed);
        }

        return messages;
    }

    /// <summary>The whole form, or only <paramref name="names"/>; the first field to fix, or null when it is valid.</summary>
    public async Task<string?> FirstInvalidAsync(IReadOnlyCollection<string>? names = null)
    {
        var result = names is null
            ? await _validators.For(Provider).ValidateAsync(Submission())
            : await _validators.For(Provider).ValidateAsync(Submission(), o => o.IncludeProperties(names.ToArray()));
        return result.IsValid ? null : Provider.Fields.Select(f => f.Name).FirstOrDefault(n => result.Errors.Any(e => e.PropertyName == n)) ?? result.Errors[0].PropertyName;
    }

    /// <summary>Messages the server sent for fields (a validation failure after a race); returns the fields named.</summary>
    public IReadOnlyList<string> Point(IEnumerable<ValidationFailure> errors)
    {
        foreach (var error in errors)
        {
            _pointed.TryAdd(error.PropertyName, error.ErrorMessage);
        }

        return _pointed.Keys.ToList();
    }

    /// <summary>
    /// What a failed test says about the field it names, if it names one of the form's; returns that field. A refused
    /// secret is the typed one (still in the field, nothing was stored), or the saved one when the field was left blank.
    /// </summary>
    public string? Point(ConnectionTestOutcome outcome, string providerName)
    {
        if (outcome.Success || outcome.Field is not { } name || Provider.FindField(name) is not { } field)
        {
            return null;
        }

        var savedOneRefused = field.IsSecret && _savedSecrets.Contains(name) && Value(name).Trim().Length == 0;
        _pointed[name] = outcome.Reason != OutcomeReason.AuthInvalid ? _text["CheckField", field.Label].Value
            : savedOneRefused ? _text["SavedFieldRejected", providerName, field.Label].Value
            : _text["FieldRejected", providerName, field.Label].Value;
        return name;
    }

    /// <summary>A new attempt: what earlier attempts said about fields is dropped.</summary>
    public void ClearPointed() => _pointed.Clear();

    /// <summary>The values are stored: forget the typed secrets (they never come back to this circuit).</summary>
    public void AfterSave(IntegrationView view)
    {
        foreach (var field in Provider.Fields)
        {
            if (field.IsSecret)
            {
                if (view.RequiredCredentials.FirstOrDefault(f => f.Name == field.Name)?.IsSet == true)
                {
                    _savedSecrets.Add(field.Name);
                }

                _values[field.Name] = "";
                _revealed.Remove(field.Name);
            }
            else
            {
                _stored[field.Name] = _values[field.Name].Trim();
            }
        }
    }
}
