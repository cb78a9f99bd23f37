namespace Rebel.Preference.Fitting;

/// <summary>One line of <c>pairs.jsonl</c>: in context <paramref name="Context"/>, response A beat B with probability (or outcome) <paramref name="P"/>.</summary>
/// <param name="Context">Context name.</param>
/// <param name="A">First response name.</param>
/// <param name="B">Second response name.</param>
/// <param name="P"><c>P(A ≻ B)</c> in [0, 1]; 1 or 0 for a <c>"winner"</c> line.</param>
public sealed record PairwiseComparison(string Context, string A, string B, double P);
