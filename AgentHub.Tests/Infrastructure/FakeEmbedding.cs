using System.Text;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The fake embedding model's vectors: 64 dimensions unless asked otherwise, one per concept, where a few words in English and French share a
/// concept (price, cost, tarif…) and any other word gets its own dimension by hash; normalised. Deterministic.
/// </summary>
public static class FakeEmbedding
{
    public const int DefaultDimensions = 64;

    private static readonly Dictionary<string, string> Concepts = new(StringComparer.Ordinal)
    {
        ["price"] = "price",
        ["prices"] = "price",
        ["cost"] = "price",
        ["costs"] = "price",
        ["tariff"] = "price",
        ["prix"] = "price",
        ["tarif"] = "price",
        ["tarifs"] = "price",
        ["delivery"] = "delivery",
        ["deliver"] = "delivery",
        ["shipping"] = "delivery",
        ["postage"] = "delivery",
        ["livraison"] = "delivery",
        ["duration"] = "time",
        ["long"] = "time",
        ["takes"] = "time",
        ["days"] = "time",
        ["day"] = "time",
        ["délai"] = "time",
    };

    public static float[] Of(string text, int dimensions = DefaultDimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ':', ';', '\n', '\'', '’'], StringSplitOptions.RemoveEmptyEntries))
        {
            var concept = Concepts.GetValueOrDefault(word, word);
            var bucket = (int)(Fnv(concept) % (uint)dimensions);
            vector[bucket] += 1;
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length == 0 ? vector : vector.Select(v => v / length).ToArray();
    }

    private static uint Fnv(string word)
    {
        var hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(word))
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
