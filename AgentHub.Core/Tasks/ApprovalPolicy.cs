using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>
/// What happens to a write a helper asks for, from the least to the most careful: sent without asking, asked every
/// time (the default), never sent. Ordered so that the stricter of two policies is the larger.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalPolicyKind>))]
public enum ApprovalPolicyKind
{
    [JsonStringEnumMemberName("allow")] Allow = 0,
    [JsonStringEnumMemberName("ask")] Ask = 1,
    [JsonStringEnumMemberName("never")] Never = 2,
}

/// <summary>A workspace's policy for one write action (by its tool name, <c>instagram_publish_post</c>); no row means ask.</summary>
public sealed class ApprovalPolicy
{
    public Guid WorkspaceId { get; set; }
    public required string Tool { get; set; }
    public ApprovalPolicyKind Policy { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public static class ApprovalPolicies
{
    public static string Name(ApprovalPolicyKind kind) => kind switch
    {
        ApprovalPolicyKind.Allow => "allow",
        ApprovalPolicyKind.Never => "never",
        _ => "ask",
    };

    public static ApprovalPolicyKind? Parse(string? value) => value switch
    {
        "allow" => ApprovalPolicyKind.Allow,
        "ask" => ApprovalPolicyKind.Ask,
        "never" => ApprovalPolicyKind.Never,
        _ => null,
    };

    /// <summary>
    /// The field errors of a `policies` object (tool → policy), shared by the workspace's policies and a schedule's:
    /// each tool must be a write action of the catalog, each value a policy <paramref name="accepted"/> takes.
    /// </summary>
    public static void Check<T>(
        FluentValidation.ValidationContext<T> context, Catalog.IIntegrationCatalog catalog, IReadOnlyDictionary<string, string?>? policies,
        Func<ApprovalPolicyKind, bool> accepted, string refusedKey)
    {
        foreach (var (tool, value) in policies ?? new Dictionary<string, string?>())
        {
            if (catalog.FindTool(tool) is not { Effect: Catalog.ActionEffect.Write })
            {
                context.AddFailure($"policies.{tool}", Common.CoreText.Get("Tasks_PolicyUnknownTool", tool));
            }
            else if (Parse(value) is not { } policy || !accepted(policy))
            {
                context.AddFailure($"policies.{tool}", Common.CoreText.Get(refusedKey));
            }
        }
    }

    /// <summary>The stricter of two policies: a schedule may narrow the workspace's, never widen it.</summary>
    public static ApprovalPolicyKind Stricter(ApprovalPolicyKind a, ApprovalPolicyKind b) => a > b ? a : b;

    public static Dictionary<string, ApprovalPolicyKind> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return raw.Where(kv => Parse(kv.Value) is not null).ToDictionary(kv => kv.Key, kv => Parse(kv.Value)!.Value, StringComparer.Ordinal);
    }

    public static string? ToJson(IReadOnlyDictionary<string, ApprovalPolicyKind>? policies) =>
        policies is null || policies.Count == 0 ? null : JsonSerializer.Serialize(policies.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => Name(kv.Value)));
}
