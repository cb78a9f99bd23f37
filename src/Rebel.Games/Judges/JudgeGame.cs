
namespace Rebel.Games.Judges;

/// <summary>
/// The tabular game of a judge, for the evaluation: every context's full preference matrix, asked of the judge in one
/// request per context (every ordered pair of distinct responses) and made skew by
/// <c>P(a ≻ b) = (p(a, b) + 1 − p(b, a)) / 2</c>, so that a judge with a position bias still gives a valid game. Its
/// queries are the evaluation's (<see cref="JudgeSpec.EvalQueries"/>), never the learner's. A judge whose matrix is
/// not enumerated (<see cref="JudgeSpec.IsEnumerable"/> false) is not run here: its game holds 1/2 everywhere, a
/// placeholder for the names, weights and sizes that no metric reads, as a kernel rather than a stored matrix (memory
/// grows with the responses, not their square) (the evaluation estimates from the judge, and
/// runs refuse the algorithms that learn from the matrix).
/// </summary>
public static class JudgeGame
{
    /// <summary>Builds the game of <paramref name="spec"/> by running the judge once.</summary>
    /// <exception cref="GameValidationException">The judge failed.</exception>
    public static TabularGame Build(JudgeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Generated responses: one placeholder response per context, as for a fitted text model (the policy generates).
        if (spec.Generated)
            return new TabularGame("judge", spec.Contexts.Select(c =>
                GameContext.Adopt(c.Name, c.Weight, [Sequence.TextModelFile.Placeholder], new UnaskedKernel(1))).ToArray()) { Judge = spec };
        if (!spec.IsEnumerable)
            return new TabularGame("judge", spec.Contexts.Select(c =>
                GameContext.Adopt(c.Name, c.Weight, c.Responses, new UnaskedKernel(c.Responses.Count))).ToArray()) { Judge = spec };
        using var judge = new JudgeProcess(spec);
        var contexts = new GameContext[spec.Contexts.Count];
        for (int c = 0; c < contexts.Length; c++)
        {
            var context = spec.Contexts[c];
            int n = context.Responses.Count;
            var a = new List<int>(n * (n - 1));
            var b = new List<int>(n * (n - 1));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (i != j)
                    {
                        a.Add(i);
                        b.Add(j);
                    }
            var p = new double[a.Count];
            judge.Ask(c, a.ToArray(), b.ToArray(), null, p);
            var asked = new double[n, n];
            for (int k = 0; k < p.Length; k++)
                asked[a[k], b[k]] = p[k];
            contexts[c] = GameContext.Adopt(context.Name, context.Weight, context.Responses, AskedPreferences.Skew(asked));
        }
        return new TabularGame("judge", contexts) { Judge = spec };
    }
}
