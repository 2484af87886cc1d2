using System.Text.RegularExpressions;

namespace AgentHub.Core.Catalog;

/// <summary>
/// The placeholders of the catalog's templates, in one place for the code that checks them (the catalog loader) and
/// the code that fills them (requests, approval previews, result links).
/// </summary>
public static partial class CatalogPlaceholders
{
    /// <summary>`{name}`: an argument, a field or a captured value.</summary>
    [GeneratedRegex(@"\{([a-z_][a-z0-9_]*)\}")]
    public static partial Regex Name();

    /// <summary>A result link's placeholders: `{name}`, and `{result.a.b}` paths into a write's kept answer.</summary>
    [GeneratedRegex(@"\{(result(?:\.[A-Za-z0-9_]+)+|[a-z_][a-z0-9_]*)\}")]
    public static partial Regex NameOrResultPath();
}
