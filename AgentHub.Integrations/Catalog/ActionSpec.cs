using System.Text.Json;
using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// One action of a provider (catalog `actions[]`): its model-facing definition and the requests that carry it out.
/// Interpreted by <see cref="Actions.ActionRequestFactory"/> and <see cref="Actions.CatalogActionExecutor"/>.
/// </summary>
public sealed record ActionSpec
{
    public required string Name { get; init; }
    public required string Description { get; init; }

    /// <summary>What people read: "Publish on Instagram" (the model reads the name and description).</summary>
    public required string Title { get; init; }

    /// <summary>For a write whose main argument is an image URL: that argument, shown as the image to approvers.</summary>
    public string? ImageArgument { get; init; }

    /// <summary>For a write: a link to what was created, from `{result.path}` of the kept answer and non-secret fields.</summary>
    public string? ResultLink { get; init; }
    public required ActionEffect Effect { get; init; }

    /// <summary>For a write that sends something to people or removes something (a post, a reply, an email): not only additive.</summary>
    public bool Destructive { get; init; }

    /// <summary>An object JSON Schema; `default` values fill missing arguments before the request is built.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>The requests, in order; a later step may use what an earlier one captured (Instagram's creation id).</summary>
    public required IReadOnlyList<ActionStepSpec> Steps { get; init; }

    /// <summary>Paths of the last answer kept for the model (`data[].id`); everything else is dropped.</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>The kept answer's size cap in characters (arrays are shortened first).</summary>
    public int MaxChars { get; init; } = 4000;

    /// <summary>For a read: seconds an identical call is answered from the response cache.</summary>
    public int? CacheSeconds { get; init; }

    /// <summary>For a write: the approver's preview sentence.</summary>
    public string? Preview { get; init; }

    /// <summary>`json` (default) or `text` (SEMrush answers CSV).</summary>
    public CheckBody Body { get; init; } = CheckBody.Json;

    /// <summary>For a text body: an answer matching this is the provider's error even with a 200 (SEMrush's `ERROR 50`).</summary>
    public string? TextErrorPattern { get; init; }
}
