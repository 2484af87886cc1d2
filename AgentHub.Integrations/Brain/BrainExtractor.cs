using System.Text;
using AgentHub.Core.Brain;
using AgentHub.Core.Common;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// Reads a file's text as blocks, its type sniffed from its first bytes, never from its name: a PDF ("%PDF-"), a DOCX
/// (a zip, its size and parts checked before it is opened), an HTML page, or text that must be UTF-8: CSV when its
/// lines hold the same columns, Markdown when it has Markdown's structure, plain text otherwise. Whatever cannot be
/// read ends in a <see cref="BrainExtractionException"/> that says why.
/// </summary>
public sealed class BrainExtractor : IBrainExtractor
{
    private const int SniffBytes = 1024;
    private const long Megabyte = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> CompoundFile => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public BrainDocument Extract(Stream content, BrainExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        cancellationToken.ThrowIfCancellationRequested();

        var data = Read(content, limits.MaxBytes, cancellationToken);
        var document = Sniff(data) switch
        {
            Kind.Pdf => PdfText.Read(data, cancellationToken),
            Kind.Zip => DocxText.Read(data, limits, cancellationToken),
            Kind.Compound => throw Failure(Encrypted(data) ? "Brain_Encrypted" : "Brain_Unsupported"),
            Kind.Html => HtmlText.Read(new MemoryStream(data, writable: false), cancellationToken),
            _ => ReadText(data, cancellationToken),
        };
        return WithText(document);
    }

    public BrainDocument ExtractHtml(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        return WithText(HtmlText.Read(content, cancellationToken));
    }

    /// <summary>The reason a file cannot be read, as the exception that carries it.</summary>
    internal static BrainExtractionException Failure(string key, Exception? inner = null, params object?[] args) =>
        new(new Sentence(key, args), inner);

    /// <summary>The failure for a document that unpacks to more than <paramref name="maxBytes"/>, in whole megabytes.</summary>
    internal static BrainExtractionException TooLarge(long maxBytes) => Failure("Brain_ZipTooLarge", null, maxBytes / Megabyte);

    private enum Kind
    {
        Text,
        Pdf,
        Zip,
        Compound,
        Html,
    }

    private static Kind Sniff(byte[] data)
    {
        ReadOnlySpan<byte> start = data;
        if (start.StartsWith("%PDF-"u8))
        {
            return Kind.Pdf;
        }

        if (start.StartsWith("PK\u0003\u0004"u8))
        {
            return Kind.Zip;
        }

        if (start.StartsWith(CompoundFile))
        {
            return Kind.Compound; // an OLE file: an old .doc, or an Office document saved with a password
        }

        return LooksLikeHtml(start) ? Kind.Html : Kind.Text;
    }

    /// <summary>HTML when it begins with a doctype or an &lt;html&gt; tag, or has a &lt;body&gt; near its start.</summary>
    private static bool LooksLikeHtml(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(ByteOrderMark))
        {
            data = data[3..];
        }

        var head = Encoding.Latin1.GetString(data[..Math.Min(data.Length, SniffBytes)]).TrimStart().ToLowerInvariant();
        return head.StartsWith("<!doctype html", StringComparison.Ordinal)
            || head.StartsWith("<html", StringComparison.Ordinal)
            || (head.StartsWith('<') && head.Contains("<body", StringComparison.Ordinal));
    }

    /// <summary>An OLE file that holds an encrypted Office document (its "EncryptedPackage" stream, named in UTF-16).</summary>
    private static bool Encrypted(byte[] data)
    {
        ReadOnlySpan<byte> file = data;
        ReadOnlySpan<byte> name = Encoding.Unicode.GetBytes("EncryptedPackage");
        return file.IndexOf(name) >= 0;
    }

    private static BrainDocument ReadText(byte[] data, CancellationToken cancellationToken)
    {
        var text = Decode(data);
        cancellationToken.ThrowIfCancellationRequested();
        if (MarkdownText.HasStrongStructure(text))
        {
            return MarkdownText.Read(text, cancellationToken);
        }

        if (DelimitedText.TryRead(text, cancellationToken) is { } rows)
        {
            return new BrainDocument("text/csv", null, rows);
        }

        return MarkdownText.HasStructure(text)
            ? MarkdownText.Read(text, cancellationToken)
            : new BrainDocument("text/plain", null, PlainText.Paragraphs(text, null, cancellationToken));
    }

    /// <summary>The text of a file that must be UTF-8 (a byte order mark allowed) and hold no NUL: anything else is not text.</summary>
    private static string Decode(byte[] data)
    {
        ReadOnlySpan<byte> bytes = data;
        if (bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[3..];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw Failure("Brain_Unsupported");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw Failure("Brain_Unsupported", ex);
        }
    }

    /// <summary>The stream's bytes, read no further than one byte past the limit.</summary>
    private static byte[] Read(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = maxBytes - buffer.Length;
            var wanted = left >= chunk.Length ? chunk.Length : (int)left + 1;
            var read = content.Read(chunk, 0, wanted);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw Failure("Brain_FileTooLarge", null, Math.Max(1, maxBytes / Megabyte));
            }
        }
    }

    private static BrainDocument WithText(BrainDocument document) =>
        document.Blocks.Any(b => !string.IsNullOrWhiteSpace(b.Text)) ? document : throw Failure("Brain_NoText");
}
