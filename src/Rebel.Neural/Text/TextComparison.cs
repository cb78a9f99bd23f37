namespace Rebel.Neural.Text;

/// <summary>One comparison of two text responses to a prompt.</summary>
/// <param name="Prompt">The prompt text.</param>
/// <param name="A">The first response's text.</param>
/// <param name="B">The second response's text.</param>
/// <param name="P">P(A ≻ B | prompt), 1 or 0 for a recorded winner.</param>
/// <param name="Where">The comparison's place, <c>file:line</c>, for messages.</param>
public sealed record TextComparison(string Prompt, string A, string B, double P, string Where);
