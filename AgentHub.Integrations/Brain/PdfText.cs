using AgentHub.Core.Brain;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// A PDF's text page by page (in the order of its content, paragraphs where the layout leaves a gap), each block with
/// its page number, and the title its document information gives. A PDF that needs a password, or whose end is
/// missing (cut short in transit), or that PdfPig cannot parse, is refused with the reason.
/// </summary>
internal static class PdfText
{
    public const string MediaType = "application/pdf";

    /// <summary>How far from the end "%%EOF" may stand (some writers add bytes after it).</summary>
    private const int EndWindow = 2048;

    public static BrainDocument Read(byte[] data, CancellationToken cancellationToken)
    {
        if (!HasEnd(data))
        {
            throw BrainExtractor.Failure("Brain_Corrupt");
        }

        try
        {
            using var pdf = PdfDocument.Open(data);
            var blocks = new List<BrainBlock>();
            for (var number = 1; number <= pdf.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = pdf.GetPage(number);
                PlainText.AddParagraphs(blocks, ContentOrderTextExtractor.GetText(page, true), number, cancellationToken);
            }

            return new BrainDocument(MediaType, Title(pdf), blocks);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw BrainExtractor.Failure("Brain_Encrypted", ex);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or BrainExtractionException or OutOfMemoryException))
        {
            // PdfPig reports a damaged file with many exception types (its format exception, index and argument errors…).
            throw BrainExtractor.Failure("Brain_Corrupt", ex);
        }
    }

    private static string? Title(PdfDocument pdf) => PlainText.Collapse(pdf.Information?.Title) is { Length: > 0 } title ? title : null;

    /// <summary>A whole PDF ends with "%%EOF"; one cut short does not, and PdfPig's lenient parsing would read what is left.</summary>
    private static bool HasEnd(byte[] data)
    {
        ReadOnlySpan<byte> end = data.AsSpan(Math.Max(0, data.Length - EndWindow));
        return end.IndexOf("%%EOF"u8) >= 0;
    }
}
