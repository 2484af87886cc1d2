using System.Text;
using AgentHub.Core.Brain;
using Sylvan.Data.Csv;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// CSV (its delimiter detected: comma, semicolon, tab or bar) when its first line names two columns or more and the
/// first rows all have as many: each row then becomes "Header: value | Header: value".
/// </summary>
internal static class DelimitedText
{
    private const int SampleRows = 20;
    private const int MinimumRows = 2;
    private const int MaxHeaderLength = 64;

    /// <summary>The rows, or null when the text is not CSV.</summary>
    public static List<BrainBlock>? TryRead(string text, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = true });
            if (reader.FieldCount < 2)
            {
                return null;
            }

            var headers = Enumerable.Range(0, reader.FieldCount).Select(i => PlainText.Collapse(reader.GetName(i))).ToArray();
            if (!AreHeaders(headers))
            {
                return null;
            }

            var blocks = new List<BrainBlock>();
            var rows = 0;
            while (reader.Read())
            {
                if (IsBlank(reader))
                {
                    continue;
                }

                rows++;
                if (rows <= SampleRows && reader.RowFieldCount != headers.Length)
                {
                    return null;
                }

                if (rows % 256 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (Row(reader, headers) is { Length: > 0 } row)
                {
                    blocks.Add(new BrainBlock(BrainBlockKind.TableRow, row));
                }
            }

            return rows >= MinimumRows ? blocks : null;
        }
        catch (FormatException)
        {
            return null; // a quote left open, a record too long, no header: not CSV, read as text
        }
    }

    /// <summary>Column names, not the first line of prose that happens to hold a comma: short, distinct, none ending a sentence.</summary>
    private static bool AreHeaders(string[] headers) =>
        headers.All(h => h.Length is > 0 and <= MaxHeaderLength && !h.EndsWith('.') && !h.EndsWith('!') && !h.EndsWith('?'))
        && headers.Distinct(StringComparer.OrdinalIgnoreCase).Count() == headers.Length;

    private static bool IsBlank(CsvDataReader reader) => reader.RowFieldCount <= 1 && reader.GetString(0).Trim().Length == 0;

    /// <summary>"Name: Croissant | Price: 1.20": each value with its column's name, empty values left out.</summary>
    private static string Row(CsvDataReader reader, string[] headers)
    {
        var row = new StringBuilder();
        for (var i = 0; i < Math.Min(reader.RowFieldCount, headers.Length); i++)
        {
            var value = PlainText.Collapse(reader.GetString(i));
            if (value.Length == 0)
            {
                continue;
            }

            if (row.Length > 0)
            {
                row.Append(" | ");
            }

            row.Append(headers[i].Length > 0 ? $"{headers[i]}: {value}" : value);
        }

        return row.ToString();
    }
}
