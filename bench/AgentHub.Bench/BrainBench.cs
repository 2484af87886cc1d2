using System.Globalization;
using AgentHub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

/// <summary>What the Brain's benchmark reads and searches: a generated text PDF, and passages seeded straight into the database.</summary>
internal static class BrainBench
{
    public static readonly string[] Words =
    [
        "bread", "croissant", "delivery", "wedding", "cake", "price", "refund", "opening", "hours", "sourdough", "flour", "organic",
        "customer", "order", "email", "butter", "almond", "praline", "gluten", "vegan", "loyalty", "card", "sunday", "holiday",
        "pain", "livraison", "gâteau", "mariage", "tarif", "remboursement", "horaires", "levain", "farine", "commande", "client",
        "beurre", "amande", "fidélité", "dimanche", "férié", "boutique", "équipe", "pâtissière", "boulanger", "acompte", "dégustation",
    ];

    /// <summary>A PDF of <paramref name="pages"/> pages, each with a heading and about 250 words in 12 lines.</summary>
    public static byte[] Pdf(int pages)
    {
        var random = new Random(3);
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 0; p < pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText($"Chapter {p + 1}", 14, new PdfPoint(40, 800), font);
            for (var line = 0; line < 24; line++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 11).Select(_ => Ascii(Words[random.Next(Words.Length)])));
                page.AddText(text, 10, new PdfPoint(40, 770 - line * 28), font);
            }
        }

        return builder.Build();
    }

    /// <summary>Standard 14 fonts carry no accented glyphs in this builder: the PDF's words are written without accents.</summary>
    private static string Ascii(string word) => new(word.Normalize(System.Text.NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());

    /// <summary>
    /// A vocabulary as text has one: 4,000 made-up words plus the real ones above, drawn with Zipf's law (the word of
    /// rank r about 1/r as often as the first), the real words at middling ranks (200 to 245) as a searcher's words are.
    /// </summary>
    private static readonly string[] Vocabulary = BuildVocabulary();

    private static readonly double[] Cumulative = BuildCumulative(Vocabulary.Length);

    private static string[] BuildVocabulary()
    {
        var random = new Random(17);
        string[] syllables = ["ba", "co", "di", "fe", "ga", "hi", "jo", "ku", "la", "me", "ni", "po", "qua", "ri", "so", "tu", "ve", "xo", "ya", "ze", "an", "el", "or", "us"];
        var made = new HashSet<string>(StringComparer.Ordinal);
        while (made.Count < 4000)
        {
            made.Add(string.Concat(Enumerable.Range(0, 2 + random.Next(3)).Select(_ => syllables[random.Next(syllables.Length)])));
        }

        var words = made.ToList();
        words.InsertRange(200, Words);
        return [.. words];
    }

    private static double[] BuildCumulative(int count)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var r = 0; r < count; r++)
        {
            total += 1.0 / (r + 1);
            cumulative[r] = total;
        }

        return cumulative.Select(c => c / total).ToArray();
    }

    private static string Draw(Random random)
    {
        var index = Array.BinarySearch(Cumulative, random.NextDouble());
        return Vocabulary[Math.Min(index < 0 ? ~index : index, Vocabulary.Length - 1)];
    }

    /// <summary>Seeds <paramref name="count"/> passages of about 300 words under one ready source; the FTS triggers index them.</summary>
    public static async Task<int> SeedAsync(string databasePath, string workspaceId, int count, int dimensions)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var sourceId = Guid.NewGuid().ToString().ToUpperInvariant();
        var workspace = workspaceId.ToUpperInvariant();
        await using (var source = connection.CreateCommand())
        {
            source.CommandText = """
                INSERT INTO BrainSources (Id, WorkspaceId, Kind, Title, Status, Progress, IncludeSitemap, Bytes, ChunkCount, Generation, CreatedBy, CreatedAt, UpdatedAt, IndexedAt)
                VALUES ($id, $ws, 'File', 'Seeded handbook', 'Ready', 100, 0, 0, $count, 1, 'bench', $at, $at, $at)
                """;
            source.Parameters.AddWithValue("$id", sourceId);
            source.Parameters.AddWithValue("$ws", workspace);
            source.Parameters.AddWithValue("$count", count);
            source.Parameters.AddWithValue("$at", now);
            await source.ExecuteNonQueryAsync();
        }

        await using var chunk = connection.CreateCommand();
        chunk.CommandText = """
            INSERT INTO BrainChunks (WorkspaceId, WorkspaceKey, SourceId, Generation, Ordinal, Text, Location, Tokens, Embedding)
            VALUES ($ws, $key, $source, 1, $ordinal, $text, $location, 400, $embedding)
            """;
        chunk.Parameters.AddWithValue("$ws", workspace);
        chunk.Parameters.AddWithValue("$key", "w" + Guid.Parse(workspaceId).ToString("N"));
        chunk.Parameters.AddWithValue("$source", sourceId);
        var ordinal = chunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var text = chunk.Parameters.Add("$text", SqliteType.Text);
        var location = chunk.Parameters.Add("$location", SqliteType.Text);
        var embedding = chunk.Parameters.Add("$embedding", SqliteType.Blob);
        var random = new Random(5);
        for (var i = 0; i < count; i++)
        {
            ordinal.Value = i;
            text.Value = string.Join(' ', Enumerable.Range(0, 300).Select(_ => Draw(random)));
            location.Value = $"p. {i / 4 + 1}";
            embedding.Value = dimensions == 0 ? DBNull.Value : FakeEmbedding.Of((string)text.Value, dimensions).SelectMany(BitConverter.GetBytes).ToArray();
            await chunk.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return count;
    }
}
