using Rebel.Preference.Objectives;
using Rebel.Torch;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests;

public class ObjectiveLossTests
{
    public ObjectiveLossTests() => NativeShim.Ensure();

    private static readonly double[] Rho = [0.1, 0.4, -0.3, 0.0, 0.2, 0.5];
    private static readonly double[] WinRate = [0.5, 1.0, 0.0, 0.25, 0.75, 0.5];

    // Each group's 3×3 outcomes, skew-symmetric.
    private static readonly double[] Outcome = [0.5, 0.2, 0.9, 0.8, 0.5, 0.3, 0.1, 0.7, 0.5, 0.5, 0.6, 0.4, 0.4, 0.5, 0.35, 0.6, 0.65, 0.5];

    [Fact]
    public void TheSurrogateHasTheLossGradientOfTheTensorFormOfRebel()
    {
        // REBEL written directly in tensors (mean over groups and ordered pairs), differentiated by autograd, against
        // the surrogate of the shared objective: the same loss and the same gradient in ρ.
        const double eta = 0.5;
        using var scope = new DisposeScope();
        var direct = Tensor.FromArray(Rho, 2, 3);
        direct.RequiresGrad = true;
        var residual = direct / eta - Tensor.FromArray(WinRate, 2, 3);
        var pairs = residual.Unsqueeze(2) - residual.Unsqueeze(1);
        var loss = pairs.Pow(2).Sum() / (2 * 3 * 2.0);
        loss.Backward();

        var shared = Tensor.FromArray(Rho, 2, 3);
        shared.RequiresGrad = true;
        var (surrogate, value) = ObjectiveLoss.Of(new RebelObjective(eta), shared, WinRate, Outcome);
        surrogate.Backward();

        Assert.Equal(loss.Item(), value, 12);
        Assert.Equal(direct.Grad!.ToArray<double>(), shared.Grad!.ToArray<double>(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void EveryObjectiveIsAveragedOverGroups()
    {
        using var scope = new DisposeScope();
        foreach (var objective in new global::Rebel.Preference.Objectives.SelfPlayObjective[] { new SppoObjective(0.5), new LogisticPairObjective(2), SquarePairObjective.Ipo(0.3) })
        {
            var gradient = new double[3];
            double expected = (objective.Loss(Rho.AsSpan(0, 3), WinRate.AsSpan(0, 3), Outcome.AsSpan(0, 9), gradient)
                + objective.Loss(Rho.AsSpan(3, 3), WinRate.AsSpan(3, 3), Outcome.AsSpan(9, 9), gradient)) / 2;
            var (_, value) = ObjectiveLoss.Of(objective, Tensor.FromArray(Rho, 2, 3), WinRate, Outcome);
            Assert.Equal(expected, value, 14);
        }
    }
}
