using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Rebel.Games;

/// <summary>
/// One context (prompt) <c>x</c> of a tabular game: its response set <c>Y_x</c>, the preference matrix
/// <c>P[i, j] = P(y_i ≻ y_j | x)</c> and optional response features. Construction validates the matrix
/// (square, finite, in [0,1], <c>P + Pᵀ = 1</c> within <see cref="SkewTolerance"/>, diagonal 1/2), so every instance
/// is a valid game; each error is one line naming the context and the entry, with the responses involved.
/// </summary>
public sealed class GameContext
{
    /// <summary>Tolerance on <c>P + Pᵀ = 1</c> and on the diagonal being 1/2.</summary>
    public const double SkewTolerance = 1e-9;

    /// <summary>Validates and creates a context from copies of the matrices, so that the caller's arrays can change afterwards.</summary>
    /// <param name="name">Context name, unique within its game.</param>
    /// <param name="weight">Unnormalised weight <c>ρ(x) &gt; 0</c>; <see cref="TabularGame"/> normalises it.</param>
    /// <param name="responses">Distinct response names, in matrix order.</param>
    /// <param name="preference">The n×n preference matrix.</param>
    /// <param name="features">Optional n×d feature matrix, one row per response.</param>
    /// <exception cref="GameValidationException">Any entry is invalid; the message names the context and entry.</exception>
    public GameContext(string name, double weight, IReadOnlyList<string> responses, Matrix<double> preference, Matrix<double>? features = null)
        : this(Copy(preference), features?.Clone(), name, weight, responses)
    {
    }

    /// <summary>
    /// Validates and creates a context that takes ownership of <paramref name="preference"/> and <paramref name="features"/>
    /// (the caller built them and drops them): the game loaders and zoo families, whose matrices can be gigabytes.
    /// </summary>
    internal static GameContext Adopt(string name, double weight, IReadOnlyList<string> responses, Matrix<double> preference, Matrix<double>? features = null)
    {
        ArgumentNullException.ThrowIfNull(preference);
        return new GameContext(preference, features, name, weight, responses);
    }

    private GameContext(Matrix<double> preference, Matrix<double>? features, string name, double weight, IReadOnlyList<string> responses)
        : this(name, weight, responses, features, preference as DenseMatrix ?? DenseMatrix.OfMatrix(preference ?? throw new ArgumentNullException(nameof(preference))), null)
    {
    }

    /// <summary>Creates a context whose preference is given by <paramref name="kernel"/> instead of a stored matrix.</summary>
    /// <param name="name">Context name, unique within its game.</param>
    /// <param name="weight">Unnormalised weight <c>ρ(x) &gt; 0</c>.</param>
    /// <param name="responses">Distinct response names, in the kernel's order.</param>
    /// <param name="kernel">The preference; it must answer for exactly these responses.</param>
    /// <param name="features">Optional n×d feature matrix, one row per response (copied).</param>
    /// <exception cref="GameValidationException">A name, the weight, the features or the kernel's size is invalid.</exception>
    public GameContext(string name, double weight, IReadOnlyList<string> responses, Exact.IWinRateKernel kernel, Matrix<double>? features = null)
        : this(name, weight, responses, features?.Clone(), null, kernel ?? throw new ArgumentNullException(nameof(kernel)))
    {
    }

    /// <summary>
    /// A context judged by <paramref name="kernel"/> that shares <paramref name="features"/> without a copy: a zoo family
    /// whose prompts all have the same responses (and features over, say, a million sequences).
    /// </summary>
    internal static GameContext Adopt(string name, double weight, IReadOnlyList<string> responses, Exact.IWinRateKernel kernel, Matrix<double>? features = null) =>
        new(name, weight, responses, features, null, kernel ?? throw new ArgumentNullException(nameof(kernel)));

    // Validates and stores a context with exactly one of a stored matrix and a kernel.
    private GameContext(string name, double weight, IReadOnlyList<string> responses, Matrix<double>? features, DenseMatrix? preference, Exact.IWinRateKernel? kernel)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(responses);
        string[] names = responses.ToArray();
        ValidateWeight(name, weight);
        ValidateResponses(name, names);
        if (preference is not null)
            ValidatePreference(name, names, preference);
        else if (kernel!.Count != names.Length)
            throw new GameValidationException(Invariant($"context '{name}': the preference kernel answers for {kernel.Count} responses but there are {names.Length}"));
        if (features is not null)
            ValidateFeatures(name, names.Length, features);
        Name = name;
        Weight = weight;
        Responses = names;
        _preference = preference;
        Kernel = kernel;
        Features = features;
    }

    /// <summary>Context name.</summary>
    public string Name { get; }

    /// <summary>Context weight <c>ρ(x)</c>; normalised to sum to 1 within a <see cref="TabularGame"/>.</summary>
    public double Weight { get; }

    /// <summary>Response names in matrix order.</summary>
    public IReadOnlyList<string> Responses { get; }

    /// <summary>Number of responses <c>|Y_x|</c>.</summary>
    public int Count => Responses.Count;

    /// <summary>The preference matrix <c>P[i, j] = P(y_i ≻ y_j | x)</c>.</summary>
    /// <exception cref="GameValidationException">The context has no stored matrix (<see cref="Kernel"/>): one line saying what can use it.</exception>
    public Matrix<double> Preference => _preference ?? throw new GameValidationException(Invariant(
        $"context '{Name}': its {Count} responses have no stored preference matrix; only neural self-play (its exact win rates and its oracle) runs on such a game"));

    /// <summary>
    /// The preference of a context too large to store (<see cref="Exact.IWinRateKernel"/>), or null for a stored
    /// matrix. <see cref="Exact.WinRate"/> and the oracles answer from it; everything that needs the matrix refuses it.
    /// </summary>
    public Exact.IWinRateKernel? Kernel { get; }

    /// <summary>The preference matrix's column-major storage, for the exact kernels (entry (i, j) at <c>j·n + i</c>).</summary>
    internal double[] PreferenceValues => ((DenseMatrix)Preference).Values;

    private readonly DenseMatrix? _preference;

    /// <summary>
    /// Whether the stored matrix's pairs sum to 1 to rounding and its diagonal is ½ (checked once): a large product then
    /// reads only its upper triangle (<see cref="Linear.ComplementaryKernel"/>). Validation allows 1e-9; most games
    /// meet rounding, a game whose pairs are off by more keeps the full product.
    /// </summary>
    internal bool ComplementaryPairs => _complementaryPairs ??= Linear.ComplementaryKernel.Holds<double>(PreferenceValues, Count);

    private bool? _complementaryPairs;

    /// <summary>Optional response features (n×d), used by log-linear and neural policies.</summary>
    public Matrix<double>? Features { get; }

    /// <summary>A copy of this context with another weight (the matrix is shared, it is immutable by convention).</summary>
    public GameContext WithWeight(double weight) => Renamed(Name, weight);

    /// <summary>A copy under another name and weight, sharing the already validated matrix (contexts of a contextual game).</summary>
    internal GameContext Renamed(string name, double weight)
    {
        ValidateWeight(name, weight);
        return new GameContext(this, name, weight);
    }

    private GameContext(GameContext source, string name, double weight)
    {
        Name = name;
        Weight = weight;
        Responses = source.Responses;
        _preference = source._preference;
        Kernel = source.Kernel;
        Features = source.Features;
    }

    private static void ValidateWeight(string name, double weight)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
            throw new GameValidationException(Invariant($"context '{name}': weight {weight} must be a positive finite number"));
    }

    private static void ValidateResponses(string name, string[] responses)
    {
        if (responses.Length == 0)
            throw new GameValidationException($"context '{name}': the response set is empty");
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < responses.Length; i++)
        {
            if (string.IsNullOrEmpty(responses[i]))
                throw new GameValidationException(Invariant($"context '{name}': responses[{i}] has an empty name"));
            if (!first.TryAdd(responses[i], i))
                throw new GameValidationException(Invariant($"context '{name}': responses[{i}] repeats the name '{responses[i]}' of responses[{first[responses[i]]}]"));
        }
    }

    private static void ValidatePreference(string name, string[] responses, DenseMatrix p)
    {
        int n = responses.Length;
        if (p.RowCount != p.ColumnCount)
            throw new GameValidationException(Invariant($"context '{name}': the preference matrix is {p.RowCount}×{p.ColumnCount}, it must be square"));
        if (p.RowCount != n)
            throw new GameValidationException(Invariant($"context '{name}': the preference matrix is {p.RowCount}×{p.ColumnCount} but there are {n} responses"));
        double[] v = p.Values;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                double x = v[j * n + i];
                if (!double.IsFinite(x) || x < 0 || x > 1)
                    throw new GameValidationException(Invariant($"context '{name}': {Entry(responses, i, j)} = {x} must be a probability in [0, 1]"));
            }
        for (int i = 0; i < n; i++)
        {
            double diagonal = v[i * n + i];
            if (Math.Abs(diagonal - 0.5) > SkewTolerance)
                throw new GameValidationException(Invariant($"context '{name}': {Entry(responses, i, i)} = {diagonal}, a response against itself must be 0.5"));
            for (int j = i + 1; j < n; j++)
            {
                double s = v[j * n + i] + v[i * n + j];
                if (Math.Abs(s - 1) > SkewTolerance)
                    throw new GameValidationException(Invariant($"context '{name}': {Entry(responses, i, j)} + preference[{j}][{i}] = {s}, it must be 1 (P(y ≻ y') + P(y' ≻ y) = 1 within {SkewTolerance})"));
            }
        }
    }

    private static void ValidateFeatures(string name, int n, Matrix<double> features)
    {
        if (features.RowCount != n)
            throw new GameValidationException(Invariant($"context '{name}': features have {features.RowCount} rows but there are {n} responses"));
        for (int i = 0; i < features.RowCount; i++)
            for (int k = 0; k < features.ColumnCount; k++)
                if (!double.IsFinite(features[i, k]))
                    throw new GameValidationException(Invariant($"context '{name}': features[{i}][{k}] = {features[i, k]} must be finite"));
    }

    private static string Entry(string[] responses, int i, int j) => $"preference[{i}][{j}] ('{responses[i]}' over '{responses[j]}')";

    /// <summary>A dense copy, made before validation so that what is validated is what is kept.</summary>
    private static DenseMatrix Copy(Matrix<double> preference)
    {
        ArgumentNullException.ThrowIfNull(preference);
        return DenseMatrix.OfMatrix(preference);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
