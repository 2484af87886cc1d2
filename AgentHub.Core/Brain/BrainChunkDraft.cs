namespace AgentHub.Core.Brain;

/// <summary>
/// A chunk as the chunker cuts it, before it is stored: its place in the source (0, 1, …), its text, where it is
/// ("p. 3 · Pricing › Plans", or empty) and its length in tokens (<see cref="BrainTokens.Count"/> of the text).
/// </summary>
public sealed record BrainChunkDraft(int Ordinal, string Text, string Location, int Tokens);
