namespace AgentHub.Core.Common;

/// <summary>Text shown to people from values they or a provider supplied.</summary>
public static class Text
{
    /// <summary>The value, or its first <paramref name="max"/> characters and an ellipsis (an echoed id, a provider's words).</summary>
    public static string Shorten(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
