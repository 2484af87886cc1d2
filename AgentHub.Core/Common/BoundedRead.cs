namespace AgentHub.Core.Common;

/// <summary>Reads a stream into memory up to a size, never further: what a caller then does with more (refuse, cut) is its own.</summary>
public static class BoundedRead
{
    /// <summary>At most <paramref name="max"/> bytes of the stream, and whether it held more (read no further than one chunk past).</summary>
    public static async Task<(byte[] Data, bool HadMore)> ReadAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var room = (int)Math.Min(read, max - buffer.Length);
            buffer.Write(chunk, 0, room);
            if (room < read)
            {
                return (buffer.ToArray(), true);
            }
        }

        return (buffer.ToArray(), false);
    }
}
