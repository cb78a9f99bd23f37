using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Policies;
using Rebel.Preference.Regression;

namespace Rebel.Preference.Tests.Regression;

public class AdamWRegressionTests
{
    [Fact]
    public void TheFirstStepMovesEachTouchedParameterByTheLearningRate()
    {
        // One row (y0, y1) with target 1 from θ = 0: the gradient is (−2, +2, 0), and Adam's first bias-corrected
        // step is lr · g/|g| per coordinate, so θ = (lr, −lr, 0) up to ε = 1e-8.
        var model = new TabularSoftmaxPolicy(GameSource.Load("weighted-rps:margins=1/3/3,strength=1"));
        var rows = new RegressionRows(1);
        rows.Add(0, 0, 1, 1);
        var adam = new AdamWRegression(3, 2, learningRate: 0.1, epochs: 1, batch: 1, weightDecay: 0);
        var fit = adam.Fit(model, rows, new Rebel.Preference.Objectives.RebelObjective(1), new SeededRandom(1));
        Assert.Equal(0.1, model.Parameters[0], 1e-8);
        Assert.Equal(-0.1, model.Parameters[1], 1e-8);
        Assert.Equal(0, model.Parameters[2]);
        // Prediction 0.2 against target 1: residual 0.64.
        Assert.Equal(0.64, fit.Loss, 1e-7);
    }

    [Fact]
    public void BadSettingsNameTheirProperty()
    {
        Assert.StartsWith("SelfPlayOptions.LearningRate = 0:", Assert.Throws<OptionException>(() => new AdamWRegression(3, 2, 0, 1, 1, 0)).Message, StringComparison.Ordinal);
        Assert.StartsWith("SelfPlayOptions.Epochs = 0:", Assert.Throws<OptionException>(() => new AdamWRegression(3, 2, 0.1, 0, 1, 0)).Message, StringComparison.Ordinal);
        Assert.StartsWith("SelfPlayOptions.Batch = 0:", Assert.Throws<OptionException>(() => new AdamWRegression(3, 2, 0.1, 1, 0, 0)).Message, StringComparison.Ordinal);
        Assert.StartsWith("RebelOptions.WeightDecay = -1:", Assert.Throws<OptionException>(() => new AdamWRegression(3, 2, 0.1, 1, 1, -1)).Message, StringComparison.Ordinal);
    }
}
