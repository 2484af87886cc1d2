using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Verifies a delivery from its raw bytes as the catalog describes the provider's scheme: an HMAC (SHA-256 or SHA-1)
/// or an ECDSA P-256 signature over the signed payload (the body, with the method, the public URI and the timestamp
/// where the provider signs them), compared in constant time; a signed timestamp must be within
/// <see cref="Window"/> of now. Basic credentials, where the workspace set them, are checked in constant time too.
/// </summary>
public sealed class WebhookVerifier(TimeProvider time, IOptions<AppOptions> app)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public const string BasicUsername = "basic_username";
    public const string BasicPassword = "basic_password";

    public WebhookRejection Verify(WebhookDefinition hook, IReadOnlyDictionary<string, string> secrets, WebhookRequest request)
    {
        if (secrets.TryGetValue(BasicUsername, out var user) && secrets.TryGetValue(BasicPassword, out var password) &&
            !BasicMatches(request.Header("Authorization"), user, password))
        {
            return WebhookRejection.BadBasicCredentials;
        }

        if (!hook.IsSigned)
        {
            return WebhookRejection.None;
        }

        if (hook.SecretField is null || !secrets.TryGetValue(hook.SecretField, out var secret) || secret.Length == 0)
        {
            return WebhookRejection.NotConfigured;
        }

        var header = hook.SignatureHeader is null ? null : request.Header(hook.SignatureHeader);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookRejection.MissingSignature;
        }

        string? timestamp;
        string signatureText;
        if (hook.SignaturePart is not null)
        {
            var parts = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
            timestamp = parts.GetValueOrDefault(hook.TimestampPart!);
            signatureText = parts.GetValueOrDefault(hook.SignaturePart) ?? "";
        }
        else
        {
            timestamp = hook.TimestampHeader is null ? null : request.Header(hook.TimestampHeader);
            signatureText = header.Trim();
        }

        if (hook.SignaturePrefix is { } prefix)
        {
            if (!signatureText.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return WebhookRejection.BadSignature;
            }

            signatureText = signatureText[prefix.Length..];
        }

        if (hook.TimestampHeader is not null || hook.TimestampPart is not null)
        {
            if (!TryParseTimestamp(timestamp, out var signedAt))
            {
                return WebhookRejection.MissingSignature;
            }

            if ((time.GetUtcNow() - signedAt).Duration() > Window)
            {
                return WebhookRejection.StaleTimestamp;
            }
        }

        var signature = Decode(signatureText, hook.SignatureEncoding);
        if (signature is null)
        {
            return WebhookRejection.BadSignature;
        }

        var payload = SignedPayload(hook.SignedPayload, request, timestamp);
        var valid = hook.Algorithm switch
        {
            WebhookAlgorithm.HmacSha256 => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload), signature),
            WebhookAlgorithm.HmacSha1 => CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), payload), signature),
            WebhookAlgorithm.EcdsaP256Sha256 => EcdsaValid(secret, payload, signature),
            _ => false,
        };
        return valid ? WebhookRejection.None : WebhookRejection.BadSignature;
    }

    /// <summary>X's CRC answer: <c>sha256=</c> and the base64 HMAC-SHA256 of the token under the consumer secret.</summary>
    public static string TwitterCrcResponse(string consumerSecret, string crcToken) =>
        "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret), Encoding.UTF8.GetBytes(crcToken)));

    /// <summary>True when the public key is a P-256 key in base64 SubjectPublicKeyInfo (what SendGrid shows).</summary>
    public static bool IsP256PublicKey(string value)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(value.Trim()), out _);
            return key.KeySize == 256;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The bytes the provider signed: the template's literal text and parts, with the body's raw bytes.</summary>
    private byte[] SignedPayload(string template, WebhookRequest request, string? timestamp)
    {
        using var buffer = new MemoryStream(request.Body.Length + 256);
        var rest = template.AsSpan();
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{');
            var close = open < 0 ? -1 : rest[open..].IndexOf('}');
            if (open < 0 || close < 0)
            {
                buffer.Write(Encoding.UTF8.GetBytes(rest.ToString()));
                break;
            }

            buffer.Write(Encoding.UTF8.GetBytes(rest[..open].ToString()));
            var part = rest.Slice(open + 1, close - 1).ToString();
            switch (part)
            {
                case "body":
                    buffer.Write(request.Body.Span);
                    break;
                case "method":
                    buffer.Write(Encoding.UTF8.GetBytes(request.Method.ToUpperInvariant()));
                    break;
                case "uri":
                    // The address the provider was given: the public base URL, never the request's Host header.
                    buffer.Write(Encoding.UTF8.GetBytes(app.Value.Link(request.PathAndQuery)));
                    break;
                case "timestamp":
                    buffer.Write(Encoding.UTF8.GetBytes(timestamp ?? ""));
                    break;
            }

            rest = rest[(open + close + 1)..];
        }

        return buffer.ToArray();
    }

    private static bool EcdsaValid(string publicKey, byte[] payload, byte[] signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey.Trim()), out _);
            return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return false;
        }
    }

    private static byte[]? Decode(string text, SignatureEncoding encoding)
    {
        try
        {
            return encoding == SignatureEncoding.Hex ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Unix seconds, Unix milliseconds (HubSpot) or ISO 8601 (Zendesk).</summary>
    private static bool TryParseTimestamp(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            try
            {
                value = number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static bool BasicMatches(string? authorization, string user, string password)
    {
        const string scheme = "Basic ";
        var expected = Encoding.UTF8.GetBytes($"{user}:{password}");
        byte[] given;
        try
        {
            given = authorization is not null && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(authorization[scheme.Length..].Trim())
                : [];
        }
        catch (FormatException)
        {
            given = [];
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected));
    }
}
