using System.Globalization;
using Rebel.Games;
using Rebel.Games.Exact;

namespace Rebel.Preference;

/// <summary>Everything an algorithm needs to start a run.</summary>
/// <param name="Game">The tabular game (the oracle and the exact evaluation).</param>
/// <param name="Iterations">The horizon T (tunes the default η).</param>
/// <param name="Seed">The run's seed; all randomness derives from it.</param>
/// <param name="Shared">Options shared by all algorithms.</param>
/// <param name="Options">The algorithm's own options record, or null for its defaults.</param>
public sealed record AlgorithmSetup(TabularGame Game, int Iterations, ulong Seed, SelfPlayOptions Shared, object? Options)
{
    /// <summary>The tuned η that <see cref="ResolveEta"/> chose when neither the algorithm nor the shared options set one; null otherwise.</summary>
    public double? TunedEta { get; private set; }

    /// <summary>The step size: the algorithm's own η, else the shared <c>--eta</c>, else the tuned <c>sqrt(8 ln n / T)</c> (recorded in <see cref="TunedEta"/>).</summary>
    /// <exception cref="ArgumentException">η is not a positive finite number.</exception>
    public double ResolveEta(double? own)
    {
        if (own is null && Shared.Eta is null)
            TunedEta = MirrorDescent.TunedEta(Game, Math.Max(1, Iterations));
        double eta = own ?? Shared.Eta ?? TunedEta!.Value;
        if (!(eta > 0) || double.IsInfinity(eta))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--eta {eta}: must be a positive finite number"));
        return eta;
    }

    /// <summary>Checks that the run asks for the tabular policy class, the only one <paramref name="algorithm"/> implements.</summary>
    /// <exception cref="ArgumentException">Another policy class was asked for.</exception>
    public AlgorithmSetup RequireTabularPolicy(string algorithm) =>
        Shared.Policy == PolicyKind.Tabular
            ? this
            : throw new ArgumentException($"--policy {Shared.Policy.ToString().ToLowerInvariant()}: {algorithm} supports only the tabular policy (rebel also supports loglinear)");

    /// <summary>The algorithm's options of type <typeparamref name="T"/>, or its defaults.</summary>
    public T OptionsOr<T>()
        where T : class, new() => Options as T ?? new T();
}
