using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentHub.Core.Brain;

/// <summary>
/// Cuts a document into chunks at its structure: a heading starts a chunk and names where it is ("Pricing › Plans"),
/// blocks are added while the chunk stays within the target, a block too long for one chunk is cut at its sentences
/// (at token boundaries when a sentence alone is too long), and a chunk cut for its size begins with the last blocks
/// of the one before (at most the overlap) so that a passage keeps its context. Each block is counted once.
/// </summary>
public static partial class BrainChunker
{
    private const string BlockSeparator = "\n\n";
    private const int WindowCharsPerToken = 32;

    public static IReadOnlyList<BrainChunkDraft> Chunk(BrainDocument document, int targetTokens = 400, int overlapTokens = 60)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapTokens);

        var builder = new Builder(targetTokens, Math.Min(overlapTokens, targetTokens / 2));
        foreach (var block in document.Blocks)
        {
            builder.Add(block);
        }

        return builder.Finish();
    }

    /// <summary>A block's text as a chunk holds it: its whitespace collapsed (a code block keeps its lines).</summary>
    private static string Normalize(BrainBlock block) =>
        block.Kind == BrainBlockKind.Code
            ? block.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', '\r').TrimEnd()
            : Whitespace().Replace(block.Text, " ").Trim();

    /// <summary>
    /// A piece of a chunk: a whole block, or a sentence (or token-cut part) of a block too long for one chunk;
    /// <see cref="Separator"/> is what goes before it when it is not the first of its chunk.
    /// </summary>
    private readonly record struct Piece(string Text, string Separator, int Tokens, int? Page, bool IsHeading);

    /// <summary>A long block's pieces: its sentences (a code block's lines), each cut at token boundaries when still too long.</summary>
    private static IEnumerable<Piece> Split(BrainBlock block, string text, int targetTokens)
    {
        var boundary = block.Kind == BrainBlockKind.Code ? LineEnd() : SentenceEnd();
        var joiner = block.Kind == BrainBlockKind.Code ? "\n" : " ";
        var start = 0;
        var first = true;
        foreach (Match end in boundary.Matches(text))
        {
            foreach (var piece in Cut(text[start..end.Index], first ? BlockSeparator : joiner, block.Page, targetTokens))
            {
                yield return piece;
            }

            first = false;
            start = end.Index + end.Length;
        }

        foreach (var piece in Cut(text[start..], first ? BlockSeparator : joiner, block.Page, targetTokens))
        {
            yield return piece;
        }
    }

    private static IEnumerable<Piece> Cut(string sentence, string separator, int? page, int targetTokens)
    {
        if (sentence.Length == 0)
        {
            yield break;
        }

        var tokens = BrainTokens.Count(sentence);
        if (tokens <= targetTokens)
        {
            yield return new Piece(sentence, separator, tokens, page, false);
            yield break;
        }

        // A "sentence" longer than a chunk (a list without full stops, a minified line): cut at token boundaries, joined with nothing.
        for (var offset = 0; offset < sentence.Length;)
        {
            var part = sentence.Substring(offset, PartLength(sentence, offset, targetTokens));
            yield return new Piece(part, separator, BrainTokens.Count(part), page, false);
            separator = "";
            offset += part.Length;
        }
    }

    /// <summary>
    /// The length of the next token-cut part of a text from <paramref name="offset"/>, at least one character. Only a
    /// window of the rest is tokenized (far more than the target's characters), so a huge text is cut in linear time.
    /// </summary>
    private static int PartLength(string text, int offset, int targetTokens)
    {
        var window = (int)Math.Min(text.Length - offset, targetTokens * (long)WindowCharsPerToken);
        var length = BrainTokens.PrefixLength(text.AsSpan(offset, window), targetTokens);
        return length > 0 ? length : char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length ? 2 : 1;
    }

    /// <summary>The chunks of one document, built block by block.</summary>
    private sealed class Builder(int targetTokens, int overlapTokens)
    {
        private readonly List<BrainChunkDraft> _chunks = [];
        private readonly List<Piece> _current = [];
        private readonly List<(int Level, string Text)> _path = [];
        private List<Piece>? _carry;
        private int _tokens;
        private bool _hasContent;

        public void Add(BrainBlock block)
        {
            var text = Normalize(block);
            if (text.Length == 0)
            {
                return;
            }

            var tokens = BrainTokens.Count(text);
            if (block.Kind == BrainBlockKind.Heading && tokens <= targetTokens)
            {
                AddHeading(new Piece(text, BlockSeparator, tokens, block.Page, true), block.Level);
            }
            else if (tokens <= targetTokens)
            {
                AddContent(new Piece(text, BlockSeparator, tokens, block.Page, false));
            }
            else
            {
                foreach (var piece in Split(block, text, targetTokens))
                {
                    AddContent(piece);
                }
            }
        }

        public IReadOnlyList<BrainChunkDraft> Finish()
        {
            if (_current.Count > 0)
            {
                Emit();
            }

            return _chunks;
        }

        /// <summary>A heading ends the chunk before it (unless that one has only headings yet) and takes its place in the path.</summary>
        private void AddHeading(Piece heading, int level)
        {
            if (_hasContent)
            {
                Emit();
            }

            _carry = null; // a new section starts without the end of the one before
            level = Math.Max(1, level);
            while (_path.Count > 0 && _path[^1].Level >= level)
            {
                _path.RemoveAt(_path.Count - 1);
            }

            _path.Add((level, heading.Text));
            Append(heading);
        }

        private void AddContent(Piece piece)
        {
            if (_hasContent && _tokens + Cost(piece) > targetTokens)
            {
                _carry = Tail(overlapTokens);
                Emit();
            }

            if (_carry is not null)
            {
                // The overlap: the previous chunk's last pieces, as many as fit both the overlap and this piece.
                foreach (var carried in Fit(_carry, Math.Min(overlapTokens, targetTokens - piece.Tokens)))
                {
                    Append(carried);
                }

                _carry = null;
            }

            Append(piece);
            _hasContent = true;
        }

        /// <summary>The current chunk's last pieces (not its headings) within <paramref name="budget"/> tokens, in order.</summary>
        private List<Piece> Tail(int budget) => Fit([.. _current.Where(p => !p.IsHeading)], budget);

        private static List<Piece> Fit(List<Piece> pieces, int budget)
        {
            var used = 0;
            var start = pieces.Count;
            while (start > 0 && used + pieces[start - 1].Tokens + 1 <= budget)
            {
                used += pieces[start - 1].Tokens + 1;
                start--;
            }

            return pieces.GetRange(start, pieces.Count - start);
        }

        private void Append(Piece piece)
        {
            _tokens += Cost(piece);
            _current.Add(piece);
        }

        /// <summary>A piece's tokens and one for the blank line before it: an estimate (a chunk is counted whole once cut).</summary>
        private int Cost(Piece piece) => piece.Tokens + (_current.Count > 0 && piece.Separator == BlockSeparator ? 1 : 0);

        private void Emit()
        {
            var text = new StringBuilder();
            foreach (var piece in _current)
            {
                if (text.Length > 0)
                {
                    text.Append(piece.Separator);
                }

                text.Append(piece.Text);
            }

            var chunk = text.ToString().Trim();
            if (chunk.Length > 0)
            {
                var page = _current.Find(p => p.Page is not null).Page;
                _chunks.Add(new BrainChunkDraft(_chunks.Count, chunk, Location(page), BrainTokens.Count(chunk)));
            }

            _current.Clear();
            _tokens = 0;
            _hasContent = false;
        }

        /// <summary>"p. 3 · Pricing › Plans": the page the chunk starts on and its headings, either, or nothing.</summary>
        private string Location(int? page)
        {
            var path = string.Join(" › ", _path.Select(h => h.Text));
            var where = page is { } number ? string.Create(CultureInfo.InvariantCulture, $"p. {number}") : "";
            return where.Length > 0 && path.Length > 0 ? $"{where} · {path}" : where + path;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The space after a sentence's end (. ! ? … and their full-width forms, closing quotes or brackets allowed).</summary>
    [GeneratedRegex(@"(?<=[.!?…。！？][""'”’»)\]]?)\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\n")]
    private static partial Regex LineEnd();
}
