using System.IO.Compression;
using System.Text;
using AgentHub.Core.Brain;
using AgentHub.Integrations.Brain;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace AgentHub.Tests.Brain;

/// <summary>
/// The Brain's reading of files, each one made here: the type comes from the bytes (a PDF's pages, a DOCX's headings
/// and tables, an HTML page without its scripts, Markdown, CSV, plain text), and a file that cannot be read (damaged,
/// a zip bomb, not a document, empty) is refused with the reason people are shown.
/// </summary>
public sealed class BrainExtractorTests
{
    private const long Megabyte = 1024 * 1024;

    private static readonly BrainExtractionLimits Limits = new(20 * Megabyte, 50 * Megabyte, 1000);

    private readonly BrainExtractor _extractor = new();

    [Fact]
    public void APdf_IsReadPageByPage_WithItsTitle()
    {
        var document = Extract(Pdf());

        Assert.Equal("application/pdf", document.MediaType);
        Assert.Equal("Bakery guide", document.Title);
        Assert.Equal([1, 2, 3], document.Blocks.Select(b => b.Page ?? 0).Distinct().Order());
        var first = Text(document.Blocks.Where(b => b.Page == 1));
        Assert.Contains("Welcome to the bakery", first);
        Assert.Contains("We bake bread every morning.", first);
        Assert.DoesNotContain("Croissants", first);
        Assert.Contains("Croissants cost 1.20 euros.", Text(document.Blocks.Where(b => b.Page == 2)));
        Assert.Contains("Open Monday to Saturday.", Text(document.Blocks.Where(b => b.Page == 3)));
    }

    [Fact]
    public void APdfCutShort_IsDamaged()
    {
        var whole = Pdf();

        Assert.Equal("Brain_Corrupt", FailureKey(whole[..(whole.Length / 2)]));
    }

    [Fact]
    public void APasswordProtectedPdf_IsRefusedAsEncrypted()
    {
        // The builder's own PDF, with the standard security handler named in its trailer (RC4, 40 bits) and owner and
        // user keys that no empty password opens: what a "password to open" PDF looks like to a reader without it.
        var pdf = Encoding.Latin1.GetString(Pdf());
        var trailer = pdf.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = pdf.IndexOf("<<", trailer, StringComparison.Ordinal);
        var key = new string('7', 64);
        var encrypted = pdf[..(open + 2)] +
            $" /Encrypt << /Filter /Standard /V 1 /R 2 /O <{key}> /U <{key}> /P -44 >> /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] " +
            pdf[(open + 2)..];

        Assert.Equal("Brain_Encrypted", FailureKey(Encoding.Latin1.GetBytes(encrypted)));
    }

    [Fact]
    public void AnEncryptedOfficeFile_IsRefusedAsEncrypted_AndAnOldOfficeFileAsUnsupported()
    {
        // A password-protected .docx is not a zip: it is an OLE compound file holding an "EncryptedPackage" stream.
        byte[] header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        var encrypted = header.Concat(new byte[504]).Concat(Encoding.Unicode.GetBytes("EncryptedPackage")).Concat(new byte[512]).ToArray();
        var legacy = header.Concat(new byte[504]).Concat(Encoding.Unicode.GetBytes("WordDocument")).Concat(new byte[512]).ToArray();

        Assert.Equal("Brain_Encrypted", FailureKey(encrypted));
        Assert.Equal("Brain_Unsupported", FailureKey(legacy));
    }

    [Fact]
    public void ADocx_GivesItsHeadingsParagraphsListItemsAndTableRows()
    {
        var document = Extract(Docx());

        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", document.MediaType);
        Assert.Equal("Bakery handbook", document.Title);
        Assert.Equal(
            [
                (BrainBlockKind.Heading, "Opening hours", 1),
                (BrainBlockKind.Paragraph, "We open at seven every morning.", 0),
                (BrainBlockKind.Heading, "Weekends", 2),
                (BrainBlockKind.ListItem, "Saturday until noon", 0),
                (BrainBlockKind.TableRow, "Product | Price", 0),
                (BrainBlockKind.TableRow, "Croissant | 1.20", 0),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.Level)));
    }

    [Fact]
    public void AZipThatUnpacksTooLarge_IsRefusedBeforeItIsOpened()
    {
        var bomb = Zip(entries: 0, documentBytes: 60 * Megabyte);
        Assert.True(bomb.Length < Megabyte, $"the bomb is {bomb.Length} bytes packed");

        var refused = Assert.Throws<BrainExtractionException>(() => Extract(bomb));

        Assert.Equal("Brain_ZipTooLarge", refused.Reason.Key);
        Assert.Equal("50", Assert.Single(refused.Reason.Args));
    }

    [Fact]
    public void AZipWithTooManyParts_IsRefused()
    {
        var refused = Assert.Throws<BrainExtractionException>(() => Extract(Zip(entries: 2000, documentBytes: 10)));

        Assert.Equal("Brain_ZipTooManyEntries", refused.Reason.Key);
        Assert.Equal("1000", Assert.Single(refused.Reason.Args));
    }

    [Fact]
    public void AZipThatIsNotAWordDocument_IsNotSupported_AndADamagedOneIsDamaged()
    {
        using (var stream = new MemoryStream())
        {
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                WriteEntry(zip, "notes.txt", "not a document");
            }

            Assert.Equal("Brain_Unsupported", FailureKey(stream.ToArray()));
        }

        Assert.Equal("Brain_Corrupt", FailureKey(Zip(entries: 0, documentBytes: 100)));
    }

    [Fact]
    public void RandomBytes_AreNotSupported()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        bytes[0] = 0x01; // never a signature by chance

        Assert.Equal("Brain_Unsupported", FailureKey(bytes));
    }

    [Fact]
    public void AnHtmlPage_LosesItsScriptsAndStyles_AndKeepsItsStructureAndTitle()
    {
        const string html = """
            <!DOCTYPE html>
            <html><head><title>  Le Fournil  </title><style>body { color: red; }</style></head>
            <body>
              <script>alert(1)</script>
              <h1>Our bakery</h1>
              <div>Fresh bread <b>every</b> day.</div>
              <p>Visit us<br>downtown.</p>
              <table><tr><th>Product</th><th>Price</th></tr><tr><td>Croissant</td><td>1.20</td></tr></table>
              <ul><li>Bread<ul><li>Rye</li></ul></li></ul>
              <noscript>Enable JavaScript</noscript>
              <pre>line one
            line two</pre>
            </body></html>
            """;

        var document = Extract(Encoding.UTF8.GetBytes(html));

        Assert.Equal("text/html", document.MediaType);
        Assert.Equal("Le Fournil", document.Title);
        var all = Text(document.Blocks);
        Assert.DoesNotContain("alert", all);
        Assert.DoesNotContain("color", all);
        Assert.DoesNotContain("JavaScript", all);
        Assert.Contains(new BrainBlock(BrainBlockKind.Heading, "Our bakery", Level: 1), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.Paragraph, "Fresh bread every day."), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.Paragraph, "Visit us downtown."), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.TableRow, "Product | Price"), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.TableRow, "Croissant | 1.20"), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.ListItem, "Bread"), document.Blocks);
        Assert.Contains(new BrainBlock(BrainBlockKind.ListItem, "Rye"), document.Blocks);
        var code = Assert.Single(document.Blocks, b => b.Kind == BrainBlockKind.Code);
        Assert.Equal("line one\nline two", code.Text);

        var page = _extractor.ExtractHtml(new MemoryStream(Encoding.UTF8.GetBytes(html)), CancellationToken.None);
        Assert.Equal(document.Blocks, page.Blocks);
    }

    [Fact]
    public void MarkdownInAFileNamedLikeAPdf_IsReadAsMarkdown()
    {
        // The extractor is never given a name: "x.pdf" holding Markdown is read from what it holds.
        var document = Extract(Encoding.UTF8.GetBytes("# Menu\n\n- Bread\n- Croissant\n"));

        Assert.Equal("text/markdown", document.MediaType);
        Assert.Equal("Menu", document.Title);
    }

    [Fact]
    public void Markdown_GivesItsHeadingsListsTablesAndCode_WithoutLinkAddresses()
    {
        const string markdown = """
            # Bakery

            Our [website](https://example.com/shop) lists **fresh** bread.

            ## Prices

            | Product | Price |
            |---|---|
            | Croissant | 1.20 |

            - Baguette
            - Rye bread

            ```csharp
            var bread = "fresh";
            ```
            """;

        var document = Extract(Encoding.UTF8.GetBytes(markdown));

        Assert.Equal("text/markdown", document.MediaType);
        Assert.Equal("Bakery", document.Title);
        Assert.Equal(
            [
                (BrainBlockKind.Heading, "Bakery", 1),
                (BrainBlockKind.Paragraph, "Our website lists fresh bread.", 0),
                (BrainBlockKind.Heading, "Prices", 2),
                (BrainBlockKind.TableRow, "Product | Price", 0),
                (BrainBlockKind.TableRow, "Croissant | 1.20", 0),
                (BrainBlockKind.ListItem, "Baguette", 0),
                (BrainBlockKind.ListItem, "Rye bread", 0),
                (BrainBlockKind.Code, "var bread = \"fresh\";", 0),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.Level)));
    }

    [Theory]
    [InlineData("Name,Price\nCroissant,1.20\nBaguette,0.95\n", "Name: Croissant | Price: 1.20", "Name: Baguette | Price: 0.95")]
    [InlineData("Nom;Prix\r\nCroissant;1,20\r\nBaguette;0,95\r\n", "Nom: Croissant | Prix: 1,20", "Nom: Baguette | Prix: 0,95")]
    public void Csv_GivesOneRowPerLine_WithItsColumnNames(string csv, string first, string second)
    {
        var document = Extract(Encoding.UTF8.GetBytes(csv));

        Assert.Equal("text/csv", document.MediaType);
        Assert.Equal([(BrainBlockKind.TableRow, first), (BrainBlockKind.TableRow, second)], document.Blocks.Select(b => (b.Kind, b.Text)));
    }

    [Fact]
    public void FrenchText_KeepsItsAccents_InParagraphs()
    {
        var text = "\uFEFFLe fournil ouvre à sept heures.\nLes élèves de l’école viennent goûter.\n\n\n"
            + "Nous préparons des crêpes et des brioches.\n";
        var bytes = Encoding.UTF8.GetBytes(text);

        var document = Extract(bytes);

        Assert.Equal("text/plain", document.MediaType);
        Assert.Equal(
            ["Le fournil ouvre à sept heures. Les élèves de l’école viennent goûter.", "Nous préparons des crêpes et des brioches."],
            document.Blocks.Select(b => b.Text));
        Assert.All(document.Blocks, b => Assert.Equal(BrainBlockKind.Paragraph, b.Kind));
    }

    [Fact]
    public void TextThatIsNotUtf8_IsNotSupported()
    {
        var latin1 = Encoding.Latin1.GetBytes("Le fournil ouvre à sept heures, été comme hiver.");

        Assert.Equal("Brain_Unsupported", FailureKey(latin1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n \t \n")]
    public void AnEmptyTextFile_HasNoText(string text)
    {
        Assert.Equal("Brain_NoText", FailureKey(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void ACancelledRead_Stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => _extractor.Extract(new MemoryStream(Pdf()), Limits, cancelled.Token));
    }

    [Fact]
    public void AFileOverTheLimit_IsRefused_WithoutBeingReadWhole()
    {
        var content = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 5000)));

        var limits = Limits with { MaxBytes = 1000 };

        var refused = Assert.Throws<BrainExtractionException>(() => _extractor.Extract(content, limits, CancellationToken.None));

        Assert.Equal("Brain_FileTooLarge", refused.Reason.Key);
        Assert.Equal(1001L, content.Position);
    }

    private BrainDocument Extract(byte[] data) =>
        _extractor.Extract(new MemoryStream(data, writable: false), Limits, CancellationToken.None);

    private string FailureKey(byte[] data) => Assert.Throws<BrainExtractionException>(() => Extract(data)).Reason.Key;

    private static string Text(IEnumerable<BrainBlock> blocks) => string.Join("\n", blocks.Select(b => b.Text));

    /// <summary>Three A4 pages of Helvetica: two paragraphs on the first, one on each of the others.</summary>
    private static byte[] Pdf()
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Bakery guide";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        string[][] pages =
        [
            ["Welcome to the bakery", "We bake bread every morning."],
            ["Croissants cost 1.20 euros."],
            ["Open Monday to Saturday."],
        ];
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 750.0;
            foreach (var line in lines)
            {
                page.AddText(line, 12, new PdfPoint(50, y), font);
                y -= 48; // well over a line's height: a new paragraph
            }
        }

        return builder.Build();
    }

    /// <summary>A Word document: a Heading1, a paragraph, a heading in a translated style ("Titre2", "heading 2"), a list, a table.</summary>
    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = "Bakery handbook";
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new W.Styles(new W.Style(new W.StyleName { Val = "heading 2" }) { StyleId = "Titre2" });
            main.Document = new W.Document(new W.Body(
                Paragraph("Opening hours", new W.ParagraphStyleId { Val = "Heading1" }),
                Paragraph("We open at seven every morning."),
                Paragraph("Weekends", new W.ParagraphStyleId { Val = "Titre2" }),
                Paragraph("Saturday until noon", new W.NumberingProperties(
                    new W.NumberingLevelReference { Val = 0 }, new W.NumberingId { Val = 1 })),
                new W.Table(Row("Product", "Price"), Row("Croissant", "1.20"))));
        }

        return stream.ToArray();
    }

    private static W.Paragraph Paragraph(string text, DocumentFormat.OpenXml.OpenXmlElement? property = null)
    {
        var paragraph = new W.Paragraph(new W.Run(new W.Text(text)));
        if (property is not null)
        {
            paragraph.PrependChild(new W.ParagraphProperties(property));
        }

        return paragraph;
    }

    private static W.TableRow Row(params string[] cells) =>
        new(cells.Select(c => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(c))))));

    /// <summary>A zip with a Word document's part names: a word/document.xml of spaces (packed tiny), and small parts.</summary>
    private static byte[] Zip(int entries, long documentBytes)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "[Content_Types].xml", "<Types/>");
            using (var document = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open())
            {
                var spaces = new byte[Megabyte];
                Array.Fill(spaces, (byte)' ');
                for (var written = 0L; written < documentBytes; written += spaces.Length)
                {
                    document.Write(spaces, 0, (int)Math.Min(spaces.Length, documentBytes - written));
                }
            }

            for (var i = 0; i < entries; i++)
            {
                WriteEntry(zip, $"word/media/part{i}.xml", "x");
            }
        }

        return stream.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, string content)
    {
        using var entry = new StreamWriter(zip.CreateEntry(name).Open());
        entry.Write(content);
    }
}
