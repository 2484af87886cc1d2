using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AgentHub.Core.Common;

/// <summary>
/// A pattern from the catalog (a JSON Schema pattern, a webhook subject shape) as ECMA-262 means it: unanchored unless
/// it says so, and a final <c>$</c> only at the very end of the value. .NET's <c>$</c> also matches before a trailing
/// newline (<c>"123\n"</c>), so a final unescaped <c>$</c> becomes <c>\z</c>. Compiled once per pattern.
/// </summary>
public static class EndAnchoredPattern
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static Regex Get(string pattern) => Compiled.GetOrAdd(pattern, p =>
        new Regex(p.EndsWith('$') && !p.EndsWith(@"\$", StringComparison.Ordinal) ? p[..^1] + @"\z" : p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
}
