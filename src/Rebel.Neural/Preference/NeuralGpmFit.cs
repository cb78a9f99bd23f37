using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using Rebel.Games;
using Rebel.Games.Sequence;
using Rebel.Preference.Fitting;
using Rebel.Torch;
using Rebel.Torch.Optim;

namespace Rebel.Neural.Preference;

/// <summary>
/// Fits a <see cref="NeuralGpm"/> to pairwise data over token sequences (response names as <see cref="SequenceSpace.Name"/>
/// writes them: <c>012</c>, or <c>10.3.7</c> for vocabularies over 10) by full-batch AdamW on the cross-entropy
/// <c>−[p ln σ(s) + (1−p) ln σ(−s)]</c>, then evaluates it on every sequence of the space, giving an enumerable
/// sequence game that <c>--pref-model FILE</c> and <c>--policy neural</c> accept.
/// </summary>
public static class NeuralGpmFit
{
    /// <summary>The fitted model, the game it defines over all V^L sequences, and the final training loss.</summary>
    /// <exception cref="GameValidationException">The data spans several contexts, or a name is not a token sequence of the common length, or V^L is too large to enumerate.</exception>
    public static (NeuralGpm Model, TabularGame Game, double Loss) Fit(IReadOnlyList<PairwiseComparison> data, string name, NeuralGpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Count == 0) throw new GameValidationException("neural-gpm: no pairwise comparisons");
        var context = data[0].Context;
        if (data.FirstOrDefault(d => d.Context != context) is { } other)
            throw new GameValidationException($"neural-gpm fits one context; the data has '{context}' and '{other.Context}'");
        var a = data.Select(d => Tokens(d.A)).ToArray();
        var b = data.Select(d => Tokens(d.B)).ToArray();
        var length = a[0].Length;
        if (a.Concat(b).FirstOrDefault(t => t.Length != length) is { } odd)
            throw new GameValidationException($"neural-gpm: response '{string.Join('.', odd)}' has {odd.Length} tokens, the first has {length}");
        var vocab = (int)Math.Max(2, a.Concat(b).SelectMany(t => t).Max() + 1);
        if (Math.Pow(vocab, length) > SequenceMajority.MaxResponses)
            throw new GameValidationException($"neural-gpm: {vocab}^{length} sequences exceed the {SequenceMajority.MaxResponses} that can be enumerated into a game");
        var space = new SequenceSpace(vocab, length);
        var device = DeviceOption.Resolve<NeuralGpmOptions>(options.Device);
        NeuralGpm model;
        using (var init = new Generator(options.Seed)) model = new NeuralGpm(vocab, length, options.Width, options.Dimension, init, device);
        var loss = Train(model, a, b, data.Select(d => (float)d.P).ToArray(), options);
        var sequences = Enumerable.Range(0, space.Count).Select(i => space.Tokens(i).Select(t => (long)t).ToArray()).ToArray();
        return (model, TabularGame.Single(name, new GameContext(context, 1, Enumerable.Range(0, space.Count).Select(space.Name).ToArray(), Preference(model, sequences))), loss);
    }

    /// <summary>
    /// Saves the weights beside the game file as safetensors, <c>NAME.json</c> → <c>NAME.safetensors</c> (with the config in
    /// <c>NAME.config.json</c>; see <see cref="NeuralGpm.Save"/>), and returns their path.
    /// </summary>
    public static string SaveWeights(NeuralGpm model, string gamePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gamePath);
        var path = Path.ChangeExtension(gamePath, ".safetensors");
        if (path == gamePath) path = gamePath + ".weights.safetensors";
        model.Save(path);
        return path;
    }

    /// <summary>Full-batch AdamW on the cross-entropy of the scores of the pairs (a_i, b_i) against P(a_i ≻ b_i) = p_i; the final loss.</summary>
    internal static double Train(NeuralGpm model, long[][] a, long[][] b, float[] p, NeuralGpmOptions options)
    {
        var n = p.Length;
        var length = a[0].Length;
        using var scope = new DisposeScope();
        var left = Tensor.FromArray(a.SelectMany(t => t).ToArray(), n, length).To(model.Device);
        var right = Tensor.FromArray(b.SelectMany(t => t).ToArray(), n, length).To(model.Device);
        var target = Tensor.FromArray(p, n).To(model.Device);
        using var optimizer = new AdamW(model.Parameters(), new AdamWOptions(Lr: options.LearningRate, WeightDecay: 0));
        double last = double.NaN;
        for (var step = 0; step < options.Steps; step++)
        {
            using var inner = new DisposeScope();
            var s = model.Score(model.Embed(left), model.Embed(right));
            var loss = -(target * s.LogSigmoid() + (-target + 1) * (-s).LogSigmoid()).Mean();
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            last = loss.Item();
            options.OnStep?.Invoke(step + 1);
        }
        return last;
    }

    /// <summary>
    /// P_ij = σ(s_ij) over the model's input sequences (all of its length) from the antisymmetrised float scores, so
    /// P + Pᵀ = 1 and the diagonal is 1/2 in double precision.
    /// </summary>
    internal static DenseMatrix Preference(NeuralGpm model, long[][] sequences)
    {
        int n = sequences.Length;
        double[] scores;
        using (var noGrad = Torch.Torch.NoGrad())
        using (var scope = new DisposeScope())
            scores = model.Scores(model.Embed(Tensor.FromArray(sequences.SelectMany(t => t).ToArray(), n, model.Length).To(model.Device))).To(DType.Float64, Device.Cpu).ToArray<double>();
        var preference = new DenseMatrix(n, n);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                preference[i, j] = 1 / (1 + Math.Exp(-(scores[i * n + j] - scores[j * n + i]) / 2));
        return preference;
    }

    private static long[] Tokens(string name)
    {
        var parts = name.Contains('.', StringComparison.Ordinal) ? name.Split('.') : name.Select(c => c.ToString()).ToArray();
        var tokens = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out tokens[i]) || tokens[i] > 64)
                throw new GameValidationException($"neural-gpm: response '{name}' is not a token sequence (digits like 012, or 10.3.7 for vocabularies over 10; tokens at most 64)");
        return tokens;
    }
}
