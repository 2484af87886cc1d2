using System.Text.RegularExpressions;
using System.Xml.Linq;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web;

/// <summary>
/// Every text a person reads has both languages: each English .resx has a French twin with the same keys, no empty
/// value and the same placeholders; and every key the code asks a localizer for exists in that localizer's resources.
/// </summary>
public sealed partial class LocalizationResourceTests
{
    private static readonly string WebFolder = Path.Combine(TestPaths.RepositoryRoot, "AgentHub.Web");

    /// <summary>Every neutral .resx of the web app and of Core (outcome sentences), relative to the repository.</summary>
    public static TheoryData<string> ResourceSets => new(
        new[] { "AgentHub.Web", "AgentHub.Core" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, project), "*.resx", SearchOption.AllDirectories))
            .Where(path => !path.EndsWith(".fr.resx", StringComparison.Ordinal) && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(path => Path.GetRelativePath(TestPaths.RepositoryRoot, path)));

    public static IReadOnlyDictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void EveryKey_HasANonEmptyValue_InEnglishAndFrench_WithTheSamePlaceholders(string resource)
    {
        var english = Read(Path.Combine(TestPaths.RepositoryRoot, resource));
        var frenchPath = Path.Combine(TestPaths.RepositoryRoot, resource[..^".resx".Length] + ".fr.resx");
        Assert.True(File.Exists(frenchPath), $"{resource} has no French twin");
        var french = Read(frenchPath);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), french.Keys.Order());
        foreach (var (key, value) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{resource}: {key} is empty in English");
            Assert.False(string.IsNullOrWhiteSpace(french[key]), $"{resource}: {key} is empty in French");
            Assert.True(
                Placeholders(value).SetEquals(Placeholders(french[key])),
                $"{resource}: {key} has placeholders {{{string.Join(",", Placeholders(value))}}} in English but {{{string.Join(",", Placeholders(french[key]))}}} in French");
        }
    }

    [Fact]
    public void EveryKeyTheCodeAsksFor_ExistsInItsResources()
    {
        var resources = Directory.EnumerateFiles(WebFolder, "*.resx", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".fr.resx", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path), Read);
        var sources = Directory.EnumerateFiles(WebFolder, "*.*", SearchOption.AllDirectories)
            .Where(path => (path.EndsWith(".razor", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal)) &&
                           !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                           !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        var missing = new List<string>();
        var checkedKeys = 0;
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            foreach (Match declaration in LocalizerDeclaration().Matches(text))
            {
                var (marker, variable) = (declaration.Groups[1].Value, declaration.Groups[2].Value);
                if (!resources.TryGetValue(marker, out var keys))
                {
                    missing.Add($"{Path.GetFileName(source)}: no {marker}.resx");
                    continue;
                }

                foreach (Match use in Regex.Matches(text, $@"\b{Regex.Escape(variable)}\[""([A-Za-z0-9_]+)""\s*[\],]"))
                {
                    checkedKeys++;
                    if (!keys.ContainsKey(use.Groups[1].Value))
                    {
                        missing.Add($"{Path.GetFileName(source)}: {marker}[\"{use.Groups[1].Value}\"]");
                    }
                }
            }
        }

        Assert.Empty(missing);
        Assert.True(checkedKeys > 300, $"only {checkedKeys} uses found: the scan no longer sees the code's localizers");
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>`@inject IStringLocalizer&lt;X&gt; L`, a constructor parameter or a property of that type.</summary>
    [GeneratedRegex(@"IStringLocalizer<(\w+)>\??\s+(\w+)")]
    private static partial Regex LocalizerDeclaration();
}
