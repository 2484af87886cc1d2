using AgentHub.Core.Connections;
using AgentHub.Integrations.Checks;

namespace AgentHub.Tests.Core;

/// <summary>Finding 8: altered echoes of a secret (case, a few changed characters, encoding) are redacted.</summary>
public sealed class SecretRedactorTests
{
    private const string Secret = "pat-na1-4f9c2b7e-1d3a-4c8b-9e6f-0a1b2c3d4e5f";

    /// <summary>Named rows: xUnit shortens long arguments in test names, and two rows must never share a name.</summary>
    public static TheoryData<string, string> Echoes => new()
    {
        { "verbatim", $"Invalid token {Secret}" },
        { "upper-cased", $"Invalid token {Secret.ToUpperInvariant()}" },
        { "two characters changed", $"Invalid token {Secret[..12]}X{Secret[13..30]}Y{Secret[31..]}" },
        { "upper-cased prefix", $"Invalid token {Secret.ToUpperInvariant()[..20]}..." },
        { "url-encoded", $"Invalid token {Uri.EscapeDataString(Secret)}" },
        { "separator changed", $"token={Secret.Replace("-", "_", StringComparison.Ordinal)[..9]}{Secret[9..]}" },
        { "split in two", $"{Secret[5..]} and again {Secret[..14]}" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void NoRunOfEightCharactersOfTheSecret_Survives(string alteration, string echo)
    {
        Assert.NotEmpty(alteration);
        var redacted = SecretRedactor.Redact(echo, [Secret]);

        Assert.Contains(SecretRedactor.Marker, redacted);
        AssertNoSharedRun(redacted, Secret);
    }

    [Fact]
    public void TextWithoutTheSecret_IsUnchanged_AndShortSecretsAreRedactedOnlyWhole()
    {
        Assert.Equal("The API key is not valid (code 401).", SecretRedactor.Redact("The API key is not valid (code 401).", [Secret]));
        Assert.Equal("key [redacted] rejected, keys are fine", SecretRedactor.Redact("key ABCDE rejected, keys are fine", ["abcde"]));
        Assert.Equal("abc stays", SecretRedactor.Redact("abc stays", ["abc"]));
    }

    [Fact]
    public void TheProviderMessageSanitizer_RedactsAlteredEchoes()
    {
        var message = OutcomeClassifier.Sanitize($"The token {Secret.ToUpperInvariant().Replace('F', '#')} is not valid.", [Secret]);

        Assert.NotNull(message);
        Assert.StartsWith("The token ", message);
        AssertNoSharedRun(message, Secret);
    }

    /// <summary>Fails when any run of <see cref="SecretRedactor.MinSharedRun"/> characters of the secret (ignoring case) is in the text.</summary>
    internal static void AssertNoSharedRun(string text, string secret)
    {
        var lowerSecret = secret.ToLowerInvariant();
        var windows = Enumerable.Range(0, lowerSecret.Length - SecretRedactor.MinSharedRun + 1)
            .Select(i => lowerSecret.Substring(i, SecretRedactor.MinSharedRun))
            .ToHashSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        var lowerText = text.ToLowerInvariant();
        for (var i = 0; i + SecretRedactor.MinSharedRun <= lowerText.Length; i++)
        {
            if (windows.Contains(lowerText.AsSpan(i, SecretRedactor.MinSharedRun)))
            {
                var from = Math.Max(0, i - 40);
                Assert.Fail($"'{lowerText.Substring(i, SecretRedactor.MinSharedRun)}' of the secret survived in: …{text[from..Math.Min(text.Length, i + 48)]}…");
            }
        }
    }
}
