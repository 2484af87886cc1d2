using Microsoft.ML.Tokenizers;

namespace AgentHub.Core.Brain;

/// <summary>
/// Lengths in tokens as the models count them (o200k_base, the GPT-4o encoding): a chunk's size, a profile's budget.
/// One tokenizer for the process, made on first use; it is safe to use from many threads.
/// </summary>
public static class BrainTokens
{
    private const string Encoding = "o200k_base";

    private static readonly Lazy<TiktokenTokenizer> Shared = new(() => TiktokenTokenizer.CreateForEncoding(Encoding));

    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : Shared.Value.CountTokens(text);
    }

    /// <summary>The longest start of the text within <paramref name="maxTokens"/> tokens (all of it when it fits).</summary>
    public static string Truncate(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = PrefixLength(text, maxTokens);
        return end >= text.Length ? text : text[..end];
    }

    /// <summary>How many characters from the start of <paramref name="text"/> hold at most <paramref name="maxTokens"/> tokens.</summary>
    internal static int PrefixLength(ReadOnlySpan<char> text, int maxTokens) =>
        maxTokens <= 0 || text.IsEmpty ? 0 : Math.Clamp(Shared.Value.GetIndexByTokenCount(text, maxTokens, out _, out _), 0, text.Length);
}
