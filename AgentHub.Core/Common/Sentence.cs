using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AgentHub.Core.Common;

/// <summary>
/// A sentence Core writes for people and keeps (a step of a task's timeline, an audit entry's detail): the
/// <see cref="CoreText"/> key and its arguments, so a page reads it in the reader's language while the stored English
/// text stays what the API and scripts see. An argument is data (a name, a count, a status code: never translated) or
/// itself a sentence ("members may not {change integrations}").
/// </summary>
[JsonConverter(typeof(SentenceJsonConverter))]
public sealed class Sentence
{
    private readonly object[] _args;

    /// <param name="key">A <see cref="CoreText"/> key.</param>
    /// <param name="args">Its arguments: sentences stay sentences, anything else is kept as its invariant text.</param>
    public Sentence(string key, params object?[] args)
    {
        Key = key;
        _args = args.Select(a => a is Sentence s ? s : (object)(Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")).ToArray();
    }

    public string Key { get; }

    /// <summary>Data shown as it is in every language (a list of changes, an event type).</summary>
    public static Sentence Verbatim(string text) => new("Common_Verbatim", text);

    /// <summary>The arguments: each a <see cref="string"/> or a <see cref="Sentence"/>.</summary>
    public IReadOnlyList<object> Args => _args;

    /// <summary>The sentence in English, whatever the culture: what is stored beside it and what the API answers.</summary>
    public string English() => CoreText.English(Key, [.. _args.Select(a => a is Sentence s ? s.English() : a)]);

    /// <summary>The sentence in the current UI culture; a decimal argument (a duration) written the culture's way (1,5 in French).</summary>
    public string InCurrentLanguage() => CoreText.Get(Key, [.. _args.Select(a => a is Sentence s ? s.InCurrentLanguage() : Localized((string)a))]);

    public string ToJson() => ToNode().ToJsonString();

    /// <summary>The stored sentence, or null for none or a text that is not one (a row written before sentences were kept, a key since renamed).</summary>
    public static Sentence? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var sentence = FromNode(JsonNode.Parse(json));
            _ = sentence?.English(); // a key whose placeholders no longer match what was kept reads as the stored text
            return sentence;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    public override string ToString() => English();

    /// <summary>Any serializer (the response cache's included) writes a sentence as its stored form, and reads it back.</summary>
    private sealed class SentenceJsonConverter : JsonConverter<Sentence>
    {
        public override Sentence? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            FromJson(JsonNode.Parse(ref reader)?.ToJsonString());

        public override void Write(Utf8JsonWriter writer, Sentence value, JsonSerializerOptions options) => value.ToNode().WriteTo(writer);
    }

    private JsonObject ToNode() => new()
    {
        ["k"] = Key,
        ["a"] = new JsonArray([.. _args.Select(a => a is Sentence s ? (JsonNode)s.ToNode() : JsonValue.Create((string)a))]),
    };

    private static Sentence? FromNode(JsonNode? node)
    {
        if (node is not JsonObject { } stored || stored["k"] is not JsonValue key || key.GetValueKind() != JsonValueKind.String
            || key.GetValue<string>() is not { Length: > 0 } name || !CoreText.Has(name))
        {
            return null;
        }

        var args = new List<object?>();
        foreach (var arg in stored["a"] as JsonArray ?? [])
        {
            switch (arg)
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    args.Add(value.GetValue<string>());
                    break;
                case JsonObject:
                    args.Add(FromNode(arg) ?? throw new FormatException("An argument is not a known sentence."));
                    break;
                default:
                    throw new FormatException("An argument is neither text nor a sentence.");
            }
        }

        return new Sentence(name, [.. args]);
    }

    private static object Localized(string arg) =>
        arg.Contains('.') && decimal.TryParse(arg, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : arg;
}
