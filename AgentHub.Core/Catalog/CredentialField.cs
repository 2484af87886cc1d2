namespace AgentHub.Core.Catalog;

/// <summary>One field of a provider's credential schema.</summary>
public sealed record CredentialField
{
    public const int DefaultMaxLength = 2048;
    public const int TextareaMaxLength = 8192;

    public required string Name { get; init; }
    public required string Label { get; init; }
    public required CredentialFieldType Type { get; init; }
    public bool Required { get; init; }
    public string? Help { get; init; }
    public string? Placeholder { get; init; }

    /// <summary>A loose regular expression that catches obvious mistakes; <see cref="PatternMessage"/> says what is expected.</summary>
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }

    /// <summary>The only values accepted, when the field is a choice (a region).</summary>
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>For a URL field that decides where a secret is sent: the host must end in one of these.</summary>
    public IReadOnlyList<string>? HostSuffixes { get; init; }

    public int? MaxLength { get; init; }

    public bool IsSecret => Type == CredentialFieldType.Password;

    public int EffectiveMaxLength => MaxLength ?? (Type == CredentialFieldType.Textarea ? TextareaMaxLength : DefaultMaxLength);

    /// <summary>The name as the API writes it (`password`, `text`, ...).</summary>
    public string TypeName => Type.ToString().ToLowerInvariant();
}
