using Rebel.Preference;

namespace CustomAlgorithm;

/// <summary>
/// The options of the custom algorithm. Implementing <see cref="IAlgorithmOptions"/> is what registers it:
/// <c>AlgorithmCatalog.Register(assembly)</c> finds this record and its <see cref="Algorithm"/>.
/// </summary>
public sealed record AnytimeHedgeOptions : IAlgorithmOptions
{
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<AnytimeHedgeOptions>(
        "anytime-hedge",
        "Hedge on exact win rates with the horizon-free step η·sqrt(ln n / (t + 1))",
        (setup, options) => new AnytimeHedge(setup.Game, options.Eta))
        // It learns from exact win rates, so it declares no shared option: a run refuses every sampling or fitting
        // option, which it would otherwise silently ignore.
        with { LearnsFromExactWinRates = true, Guarantee = Guarantee.AverageIterateMinimaxWinner };

    /// <summary>The base step size η (a CLI built on the catalogue would offer it as --eta).</summary>
    [Option("eta", "base step size η of η·sqrt(ln n / (t + 1))")]
    public double Eta { get; init; } = 1;

    public void Validate()
    {
        if (!(Eta > 0) || double.IsInfinity(Eta))
            throw OptionException.Of<AnytimeHedgeOptions>(nameof(Eta), Eta, "must be a positive finite number");
    }
}
