namespace Rebel.Games.Judges;

/// <summary>One context a judge is asked about: its name, prompt text, weight and responses (names and texts).</summary>
/// <param name="Name">The context's name, sent in every request.</param>
/// <param name="Prompt">The prompt text, sent in every request (may be empty).</param>
/// <param name="Weight">The context's weight in the metrics.</param>
/// <param name="Responses">The response names, sent as the pairs.</param>
/// <param name="Texts">The response texts, sent beside the names (null: names only).</param>
public sealed record JudgeContext(string Name, string Prompt, double Weight, IReadOnlyList<string> Responses, IReadOnlyList<string>? Texts);
