namespace AgentHub.Core.Connections;

/// <summary>
/// Removes secrets from text that came back from a provider (an error message that echoes the key) before it is stored
/// or shown. A provider may echo a secret altered: upper-cased, URL-encoded, truncated, or with a few characters
/// changed. So besides every whole secret (ignoring case, and in its URL-encoded form), any run of
/// <see cref="MinSharedRun"/> or more characters that also appears in a secret is redacted: a partial echo keeps at
/// most <see cref="MinSharedRun"/> − 1 characters of a secret in a row.
/// </summary>
public static class SecretRedactor
{
    public const string Marker = "[redacted]";

    /// <summary>The shortest run of characters shared with a secret that is redacted on its own.</summary>
    public const int MinSharedRun = 8;

    /// <summary>Secrets shorter than this are only redacted as a whole (a 3-character value would match everywhere).</summary>
    public const int MinWholeSecret = 4;

    public static string Redact(string text, IEnumerable<string> secrets)
    {
        var forms = secrets
            .Where(s => s.Length >= MinWholeSecret)
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) })
            .Select(s => s.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (forms.Count == 0 || text.Length == 0)
        {
            return text;
        }

        // ToLowerInvariant maps char by char, so indexes in the lowered text are indexes in the original.
        var lowered = text.ToLowerInvariant();
        var marked = new bool[text.Length];
        foreach (var form in forms)
        {
            for (var at = lowered.IndexOf(form, StringComparison.Ordinal); at >= 0; at = lowered.IndexOf(form, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(marked, true, at, form.Length);
            }
        }

        var windows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var form in forms.Where(f => f.Length >= MinSharedRun))
        {
            for (var i = 0; i + MinSharedRun <= form.Length; i++)
            {
                windows.Add(form.Substring(i, MinSharedRun));
            }
        }

        if (windows.Count > 0)
        {
            var lookup = windows.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i + MinSharedRun <= lowered.Length; i++)
            {
                if (lookup.Contains(lowered.AsSpan(i, MinSharedRun)))
                {
                    Array.Fill(marked, true, i, MinSharedRun);
                }
            }
        }

        if (Array.IndexOf(marked, true) < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!marked[i])
            {
                builder.Append(text[i]);
            }
            else if (i == 0 || !marked[i - 1])
            {
                builder.Append(Marker);
            }
        }

        return builder.ToString();
    }
}
