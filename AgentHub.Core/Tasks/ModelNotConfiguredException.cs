namespace AgentHub.Core.Tasks;

/// <summary>A task was asked for while no model is configured (409, naming the settings to set).</summary>
public sealed class ModelNotConfiguredException()
    : Exception($"No model is configured, so agents cannot take tasks yet. Set {AiOptions.SettingNames} (any OpenAI-compatible endpoint, such as OpenAI or a local Ollama) and restart AgentHub.")
{
    public static readonly IReadOnlyList<string> Settings = ["AI:Endpoint", "AI:Model", "AI:ApiKey"];
}
