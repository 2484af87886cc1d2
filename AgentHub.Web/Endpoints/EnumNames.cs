using System.Reflection;
using System.Text.Json.Serialization;

namespace AgentHub.Web.Endpoints;

/// <summary>An enum's names as the API writes them (their JSON names), for query parameters.</summary>
public static class EnumNames<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(
        v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString().ToLowerInvariant(),
        StringComparer.Ordinal);

    public static IEnumerable<string> All => ByName.Keys;

    public static bool TryParse(string name, out T value) => ByName.TryGetValue(name, out value);

    /// <summary>The value's name as the API writes it.</summary>
    public static string Name(T value) => ByName.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
}
