using Rebel.Neural.Utils;
using Rebel.Torch;
using Rebel.Torch.Tests;

namespace Rebel.Neural.Tests.Utils;

public class SelfPlayObjectiveTests
{
    public SelfPlayObjectiveTests() => NativeShim.Ensure();

    // One group of K = 2: log-ratios ρ = (0.2, −0.1), win rates r = (1, 0), η = 2, and online DPO's own β = 0.3 (not 1/η).
    private static double Loss(SelfPlayLoss loss)
    {
        using var scope = new DisposeScope();
        var logRatio = Tensor.FromArray([0.2, -0.1], 1, 2);
        var reward = Tensor.FromArray([1.0, 0.0], 1, 2);
        return SelfPlayObjective.Loss(new RebelOptions(Eta: 2, Loss: loss, Beta: 0.3), logRatio, reward).Item();
    }

    [Fact]
    public void RebelRegressesTheScaledLogRatioGapOnTheRewardGap() =>
        Assert.Equal(Math.Pow((0.2 - -0.1) / 2 - (1 - 0), 2), Loss(SelfPlayLoss.Rebel), 12);

    [Fact]
    public void SppoRegressesEachLogRatioOnEtaTimesTheCentredReward() =>
        Assert.Equal((Math.Pow(0.2 - 2 * 0.5, 2) + Math.Pow(-0.1 - 2 * -0.5, 2)) / 2, Loss(SelfPlayLoss.Sppo), 12);

    [Fact]
    public void OnlineDpoIsTheLogisticLossOfTheWinnerOverTheLoser() =>
        Assert.Equal(Math.Log(1 + Math.Exp(-0.3 * (0.2 - -0.1))), Loss(SelfPlayLoss.OnlineDpo), 12);

    [Fact]
    public void RebelAveragesOverAllPairsOfEveryGroup()
    {
        using var scope = new DisposeScope();
        double[] rho = [0.1, 0.4, -0.3, 0.0, 0.2, 0.5];
        double[] r = [0.5, 1.0, 0.0, 0.25, 0.75, 0.5];
        const double eta = 0.5;
        double expected = 0;
        for (var g = 0; g < 2; g++)
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++)
                    if (i != j)
                        expected += Math.Pow((rho[3 * g + i] - rho[3 * g + j]) / eta - (r[3 * g + i] - r[3 * g + j]), 2);
        expected /= 2 * 3 * 2;
        var actual = SelfPlayObjective.Rebel(Tensor.FromArray(rho, 2, 3), Tensor.FromArray(r, 2, 3), eta).Item();
        Assert.Equal(expected, actual, 12);
    }
}
