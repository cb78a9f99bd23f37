namespace Rebel.Games.Judges;

/// <summary>What a judge process writes for each pair (<c>answers</c> in <c>rebel-judge/1</c>).</summary>
public enum JudgeAnswers
{
    /// <summary><c>P(a ≻ b | x)</c> in [0, 1]; Rebel draws Bernoulli outcomes from them with the run's generator.</summary>
    Probabilities,

    /// <summary>An outcome 1 (a wins) or 0, drawn by the judge from the seed each request carries.</summary>
    Outcomes,
}
