using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Rebel.Games.Exact;

/// <summary>
/// The KL-regularised preference game (docs/regularised-game.md): per context,
/// <c>f(π, π′) = P(π ≻ π′) − τ KL(π ‖ ρ) + τ KL(π′ ‖ ρ)</c> with a reference policy <c>ρ &gt; 0</c> and <c>τ &gt; 0</c>.
/// It is symmetric with value 1/2 and has a unique equilibrium <c>π* ∝ ρ exp(P π* / τ)</c>. Its duality gap
/// <c>DG_τ(π) = 2 E_x [τ log Σ_y ρ(y) exp(r(y)/τ) + τ KL(π ‖ ρ) − 1/2]</c>, <c>r = P π</c>, uses the closed-form
/// best response <c>softmax(log ρ + r/τ)</c>; it is non-negative, zero only at <c>π*</c>, and tends to the
/// unregularised <see cref="DualityGap"/> as τ → 0.
/// </summary>
public sealed class RegularisedGame
{
    /// <summary>The certificate the solver must reach: <c>DG_τ(π*) ≤ 1e-12</c>.</summary>
    public const double CertificateTolerance = 1e-12;

    private readonly double[][] _logReference;

    /// <summary>Creates the τ-regularised game of <paramref name="game"/> toward <paramref name="reference"/> (uniform when null).</summary>
    /// <exception cref="ArgumentException">τ not positive and finite, or a reference that does not match the game or has a zero probability.</exception>
    public RegularisedGame(TabularGame game, double tau, TabularPolicy? reference = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (!(tau > 0) || double.IsInfinity(tau))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Tau = {tau}: the regularisation must be a positive finite number"), nameof(tau));
        reference ??= TabularPolicy.Uniform(game);
        EnsureReference(game, reference);
        (Game, Tau, Reference) = (game, tau, reference);
        _logReference = Enumerable.Range(0, game.Contexts.Count).Select(c => reference[c].Select(p => Math.Log(p)).ToArray()).ToArray();
    }

    /// <summary>Checks that <paramref name="reference"/> can anchor a regularised game on <paramref name="game"/>: matching shape, every probability positive.</summary>
    /// <exception cref="ArgumentException">A shape mismatch or a zero probability.</exception>
    public static void EnsureReference(TabularGame game, TabularPolicy reference)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(reference);
        reference.EnsureMatches(game);
        for (int c = 0; c < game.Contexts.Count; c++)
            for (int i = 0; i < reference[c].Count; i++)
                if (!(reference[c][i] > 0))
                    // KL(π ‖ ρ) is infinite wherever ρ is zero, so such a response could never be played.
                    throw new ArgumentException($"Reference: context '{game.Contexts[c].Name}' gives response '{game.Contexts[c].Responses[i]}' probability 0; a reference policy must be positive", nameof(reference));
    }

    /// <summary>The game.</summary>
    public TabularGame Game { get; }

    /// <summary>The regularisation τ.</summary>
    public double Tau { get; }

    /// <summary>The reference policy ρ.</summary>
    public TabularPolicy Reference { get; }

    /// <summary><c>log ρ(·|x)</c> of context <paramref name="context"/>.</summary>
    public ReadOnlySpan<double> LogReference(int context) => _logReference[context];

    /// <summary>The weighted regularised duality gap <c>DG_τ(π)</c> of <paramref name="policy"/>.</summary>
    public double DualityGap(TabularPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.EnsureMatches(Game);
        double total = 0;
        for (int c = 0; c < Game.Contexts.Count; c++)
        {
            var p = policy[c].ToArray();
            var r = new double[p.Length];
            WinRate.Against(Game.Contexts[c], p, r);
            total += Game.Contexts[c].Weight * ContextGap(c, p, r);
        }
        return total;
    }

    /// <summary>
    /// The gap of one context's policy <paramref name="policy"/> from its already computed win rates
    /// <paramref name="winRates"/> = <c>P π</c>: <c>2 [τ LSE(log ρ + r/τ) + τ KL(π ‖ ρ) − 1/2]</c>.
    /// </summary>
    public double ContextGap(int context, ReadOnlySpan<double> policy, ReadOnlySpan<double> winRates)
    {
        var logReference = _logReference[context];
        double max = double.NegativeInfinity;
        for (int i = 0; i < policy.Length; i++)
            max = Math.Max(max, logReference[i] + winRates[i] / Tau);
        double sum = 0, kl = 0;
        for (int i = 0; i < policy.Length; i++)
        {
            sum += Math.Exp(logReference[i] + winRates[i] / Tau - max);
            if (policy[i] > 0)
                kl += policy[i] * (Math.Log(policy[i]) - logReference[i]);
        }
        // τ·max = max(τ log ρ + r): the best-response value never passes through exp(r/τ), so small τ cannot overflow.
        return 2 * (Tau * max + Tau * Math.Log(sum) + Tau * kl - 0.5);
    }

    /// <summary>The best response to <paramref name="policy"/> in the regularised game: <c>softmax(log ρ + P π / τ)</c> per context.</summary>
    public TabularPolicy BestResponse(TabularPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.EnsureMatches(Game);
        return new TabularPolicy(Game.Contexts.Select((context, c) =>
            Softmax(LogitsOf(c, WinRate.Against(context, policy[c]), Tau))).ToArray());
    }

    /// <summary>
    /// The unique equilibrium, with its certificate <c>DG_τ(π*)</c> recomputed from the returned policy. Each context is
    /// solved by Newton's method on the logits <c>u = log ρ + P softmax(u) / τ</c>, with a backtracking line search
    /// on the residual and a continuation from a large regularisation down to τ (see docs/regularised-game.md).
    /// </summary>
    public RegularisedEquilibrium Solve()
    {
        var policies = Enumerable.Range(0, Game.Contexts.Count).Select(SolveContext).ToArray();
        var policy = new TabularPolicy(policies);
        return new RegularisedEquilibrium(policy, DualityGap(policy));
    }

    private Vector<double> SolveContext(int c)
    {
        var context = Game.Contexts[c];
        // P π = M π + 1/2 with the margin M, and the softmax is 1/2-Lipschitz, so at τ ≥ ‖M‖_F the fixed-point map
        // u ↦ log ρ + P softmax(u)/τ is a contraction and Newton from the reference converges; halving τ from there
        // starts each stage next to its solution. The line search keeps every stage convergent regardless.
        var margin = context.Preference - Matrix<double>.Build.Dense(context.Count, context.Count, 0.5);
        double tau = Math.Max(Tau, margin.FrobeniusNorm());
        var u = Vector<double>.Build.DenseOfArray(_logReference[c].ToArray());
        while (true)
        {
            u = LogitsOf(c, context.Preference * Softmax(u), tau);
            u = Newton(c, u, tau);
            if (tau == Tau)
                return Softmax(u);
            tau = Math.Max(Tau, tau / 2);
        }
    }

    /// <summary>Newton's method on <c>F(u) = u − log ρ − P softmax(u) / τ</c>, Jacobian <c>I − P (diag π − π πᵀ) / τ</c>.</summary>
    private Vector<double> Newton(int c, Vector<double> u, double tau)
    {
        var preference = Game.Contexts[c].Preference;
        int n = u.Count;
        var residual = Residual(c, u, tau);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double norm = residual.L2Norm();
            // The residual lives on the scale 1/τ; below a few ulps of it no step can reduce it further.
            if (norm <= 1e-15 * n / tau)
                break;
            var pi = Softmax(u);
            var covariance = Matrix<double>.Build.DenseOfDiagonalVector(pi) - pi.OuterProduct(pi);
            var jacobian = Matrix<double>.Build.DenseIdentity(n) - preference * covariance / tau;
            var step = jacobian.Solve(residual);
            double length = 1;
            Vector<double> candidate;
            Vector<double> candidateResidual;
            while (true)
            {
                candidate = u - length * step;
                candidateResidual = Residual(c, candidate, tau);
                if (candidateResidual.L2Norm() < norm || length < 1e-12)
                    break;
                length /= 2;
            }
            if (!(candidateResidual.L2Norm() < norm))
                break;
            (u, residual) = (candidate, candidateResidual);
        }
        return u;
    }

    private Vector<double> Residual(int c, Vector<double> u, double tau) =>
        u - LogitsOf(c, Game.Contexts[c].Preference * Softmax(u), tau);

    private Vector<double> LogitsOf(int c, Vector<double> winRates, double tau) =>
        Vector<double>.Build.DenseOfArray(_logReference[c]) + winRates / tau;

    private static Vector<double> Softmax(Vector<double> logits)
    {
        double max = logits.Maximum();
        var e = logits.Map(v => Math.Exp(v - max));
        return e / e.Sum();
    }
}
