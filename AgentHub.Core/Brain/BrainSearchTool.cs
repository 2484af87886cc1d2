using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Tasks;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Brain;

/// <summary>
/// <c>brain_search</c>, every helper's tool: searches the workspace's Brain (a read, so no approval) and records on the
/// task's timeline what it found, with each passage's source and place, so the task can list the sources it used.
/// </summary>
public sealed class BrainSearchTool(BrainSearcher searcher, TaskJournal journal)
{
    public const string Name = "brain_search";
    private const int DefaultResults = 5;

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "What to look for, in a few words (a product, a price, a policy, the tone to use). French or English." },
            "k": { "type": "integer", "minimum": 1, "maximum": 10, "description": "How many passages to return (default 5)." }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public AIFunction For(AgentTask task) => new Function(this, task);

    private async Task<string> SearchAsync(AgentTask task, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        // The model's arguments as JSON, read the way the connections' tools read theirs.
        var args = AgentToolbox.ArgumentsOf(arguments);
        var query = args["query"] is JsonValue text && text.TryGetValue<string>(out var asked) ? asked : null;
        var k = args["k"] is JsonValue count
                && (count.TryGetValue<int>(out var wanted) || (count.TryGetValue<string>(out var written) && int.TryParse(written, out wanted)))
            ? Math.Clamp(wanted, 1, 10)
            : DefaultResults;
        var terms = BrainSearch.Terms(query ?? "");
        if (terms.Count == 0)
        {
            var empty = new Sentence("Brain_ToolNoQuery");
            await journal.AddAsync(task, TaskStepKind.ToolResult, empty.English(), Name, ActionEffect.Read, succeeded: false, cancellationToken: cancellationToken, sentence: empty);
            return AgentToolbox.ErrorResult(empty.English());
        }

        var results = (await searcher.SearchAsync(task.WorkspaceId, query!, k, cancellationToken)).Results;

        var citations = results.Select(r => new TaskCitation(r.SourceId, r.Title, r.Location)).ToList();
        var sentence = results.Count == 0
            ? new Sentence("Brain_ToolNothingFound", query!)
            : new Sentence("Brain_ToolFound", results.Count, string.Join("; ", citations.Select(c => c.Describe())));
        await journal.AddAsync(task, TaskStepKind.ToolResult, sentence.English(), Name, ActionEffect.Read, succeeded: true,
            cancellationToken: cancellationToken, sentence: sentence, citations: citations);

        // What the model reads: each passage numbered, with the source to cite.
        var passages = new JsonArray();
        foreach (var (result, i) in results.Select((r, i) => (r, i + 1)))
        {
            passages.Add(new JsonObject
            {
                ["cite"] = $"[{i}] {result.Title}{(result.Location.Length > 0 ? $", {result.Location}" : "")}",
                ["text"] = result.Text,
            });
        }

        return new JsonObject { ["results"] = passages }.ToJsonString();
    }

    private sealed class Function(BrainSearchTool tool, AgentTask task) : AIFunction
    {
        public override string Name => BrainSearchTool.Name;

        public override string Description =>
            "Searches the business's Brain (its notes, files and web pages) and returns the passages that match, each with the source to cite. " +
            "Search it before writing about the business: its products, prices, policies, customers or tone.";

        public override JsonElement JsonSchema => Schema;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            await tool.SearchAsync(task, arguments, cancellationToken);
    }
}
