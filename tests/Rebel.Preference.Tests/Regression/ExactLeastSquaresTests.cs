using Rebel.Games;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;

namespace Rebel.Preference.Tests.Regression;

public class ExactLeastSquaresTests
{
    private static readonly TabularGame Game = GameSource.Load("bt-mixture:n=4");

    [Fact]
    public void ConsistentTargetsAreFittedExactlyWithZeroMeanLogits()
    {
        // u0 − u1 = 0.3, u1 − u2 = 0.1, u0 − u2 = 0.4 ⇒ the minimum-norm u = (0.2333…, −0.0666…, −0.1666…);
        // θ moves by η u = 0.5 u; response 3 was not sampled and keeps its logit.
        var rows = new RegressionRows(3);
        rows.Add(0, 0, 1, 0.3);
        rows.Add(0, 1, 2, 0.1);
        rows.Add(0, 0, 2, 0.4);
        var model = new TabularSoftmaxPolicy(Game);
        var fit = new ExactLeastSquares(0, 4).Fit(model, rows, 0.5);
        AssertClose([0.5 * 0.7 / 3, 0.5 * -0.2 / 3, 0.5 * -0.5 / 3, 0], model.Parameters, 1e-14);
        Assert.Equal(0, fit.Loss, 1e-28);
        Assert.Equal(1, fit.RSquared, 1e-12);
    }

    [Fact]
    public void InconsistentTargetsGiveTheLeastSquaresResidual()
    {
        // Two rows on the same pair with targets 0.2 and 0.4: the fit is their mean 0.3, residual 0.01 per row,
        // and SS_tot = 0.02, so R² = 0.
        var rows = new RegressionRows(2);
        rows.Add(0, 0, 1, 0.2);
        rows.Add(0, 0, 1, 0.4);
        var model = new TabularSoftmaxPolicy(Game);
        var fit = new ExactLeastSquares(0, 4).Fit(model, rows, 1);
        Assert.Equal(0.3, model.Parameters[0] - model.Parameters[1], 1e-14);
        Assert.Equal(0.01, fit.Loss, 1e-14);
        Assert.Equal(0, fit.RSquared, 1e-12);
    }

    [Fact]
    public void ARidgeShrinksTheStep()
    {
        // One row, target t, ridge λ: minimise (u0 − u1 − t)² + λ(u0² + u1²) ⇒ u0 = −u1 = t/(2 + λ).
        var rows = new RegressionRows(1);
        rows.Add(0, 0, 1, 1);
        var model = new TabularSoftmaxPolicy(Game);
        new ExactLeastSquares(0.5, 4).Fit(model, rows, 1);
        Assert.Equal(1 / 2.5, model.Parameters[0], 1e-14);
        Assert.Equal(-1 / 2.5, model.Parameters[1], 1e-14);
    }

    [Fact]
    public void TheDenseSolverGivesTheSameMinimumNormStepForOneHotFeatures()
    {
        var basis = Game.Contexts[0];
        var oneHot = TabularGame.Single("one-hot", new GameContext("x0", 1, basis.Responses, basis.Preference, MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(4)));
        var rows = new RegressionRows(3);
        rows.Add(0, 0, 1, 0.3);
        rows.Add(0, 1, 2, 0.1);
        rows.Add(0, 0, 2, 0.4);
        var model = new LogLinearPolicy(oneHot);
        new ExactLeastSquares(0, 4).Fit(model, rows, 0.5);
        AssertClose([0.5 * 0.7 / 3, 0.5 * -0.2 / 3, 0.5 * -0.5 / 3, 0], model.Parameters, 1e-12);
    }

    [Fact]
    public void TheCompleteDesignsClosedFormIsTheGenericSolution()
    {
        // Every pair of the 4 responses with targets t(a) − t(b): the generic minimum-norm solve and the O(n) closed
        // form u = t − mean(t) give the same parameters and the same fit statistics.
        double[] t = [0.7, -0.2, 1.3, 0.05];
        var rows = new RegressionRows(6);
        for (int a = 0; a < 4; a++)
            for (int b = a + 1; b < 4; b++)
                rows.Add(0, a, b, t[a] - t[b]);
        var generic = new TabularSoftmaxPolicy(Game);
        var fit = new ExactLeastSquares(0, 4).Fit(generic, rows, 0.3);
        var closed = new TabularSoftmaxPolicy(Game);
        var solver = new ExactLeastSquares(0, 4);
        solver.AccumulateComplete(closed, 0, t, 0.3);
        AssertClose(generic.Parameters, closed.Parameters, 1e-12);
        Assert.Equal(0.3 * (0.7 - t.Average()), closed.Parameters[0], 12);
        Assert.Equal(fit.Loss, solver.Result.Loss, 12);
        Assert.Equal(fit.RSquared, solver.Result.RSquared, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    public void TheCompleteDesignsCentredSolveIsThePairSolveForFeatures(double ridge)
    {
        // Three contexts of 5, 7 and 2 responses with 3 random features each (fewer features than responses, so the
        // fit leaves residuals): the O(n) centred normal equations and the n(n−1)/2 pair rows give the same step and
        // the same statistics.
        var random = new Random(11);
        int[] sizes = [5, 7, 2];
        var contexts = sizes.Select((n, c) => new GameContext("x" + c, 1 + c, Enumerable.Range(0, n).Select(i => "y" + i).ToArray(),
            MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, 0.5),
            MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, 3, (_, _) => random.NextDouble() - 0.5))).ToArray();
        var game = new TabularGame("features", contexts);
        var targets = sizes.Select(n => Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var rows = new RegressionRows(sizes.Sum(n => n * (n - 1) / 2));
        for (int c = 0; c < sizes.Length; c++)
            for (int a = 0; a < sizes[c]; a++)
                for (int b = a + 1; b < sizes[c]; b++)
                    rows.Add(c, a, b, targets[c][a] - targets[c][b]);
        var pairs = new LogLinearPolicy(game);
        var pairFit = new ExactLeastSquares(ridge, 7).Fit(pairs, rows, 0.7);
        var centred = new LogLinearPolicy(game);
        var centredFit = new ExactLeastSquares(ridge, 7).FitComplete(centred, targets, 0.7);
        AssertClose(pairs.Parameters, centred.Parameters, 1e-12);
        Assert.True(pairFit.Loss > 1e-3, "the features cannot fit every target");
        Assert.Equal(pairFit.Loss, centredFit.Loss, 12);
        Assert.Equal(pairFit.RSquared, centredFit.RSquared, 12);
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance) =>
        Play.AssertClose(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(expected), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(actual), tolerance);
}
