using Rebel.Torch;
using Rebel.Torch.Nn;

namespace Rebel.Neural.Preference;

/// <summary>
/// A general preference model (GPM) on a small sequence encoder: token plus position embeddings, concatenated over
/// the L positions, one GELU layer, then a linear head to <c>v(y) ∈ ℝ^{2k}</c>. Concatenating (not mean-pooling) keeps
/// the order of the tokens, so "rock paper" and "paper rock" can differ, and keeps the embeddings of different
/// sequences apart at initialisation, where pooled ones start nearly equal and a cyclic preference's gradient
/// cancels (a saddle); <c>P(a ≻ b) = σ(v(a)ᵀ R v(b))</c> with R block-diagonal
/// of k rotations <c>[[0, 1], [−1, 0]]</c>. R is skew-symmetric, so <c>P(a ≻ b) + P(b ≻ a) = 1</c> and <c>P(a ≻ a) = 1/2</c>
/// by construction, and cycles are representable (unlike Bradley–Terry).
/// </summary>
public sealed class NeuralGpm : Module
{
    private readonly Embedding _tokens;
    private readonly Embedding _positions;
    private readonly Linear _hidden;
    private readonly Linear _head;
    private readonly float[] _rotation;
    private readonly int _dimension;

    /// <summary>Creates the model for sequences of <paramref name="length"/> tokens over <paramref name="vocab"/>, initialised from <paramref name="generator"/>.</summary>
    /// <exception cref="ArgumentException">A size is out of range or the dimension is odd.</exception>
    public NeuralGpm(int vocab, int length, int width, int dimension, Generator generator, Device device)
    {
        if (vocab < 2 || length < 1 || width < 1 || dimension < 2 || dimension % 2 != 0)
            throw new ArgumentException($"NeuralGpm: vocab {vocab} ≥ 2, length {length} ≥ 1, width {width} ≥ 1 and an even Dimension {dimension} ≥ 2 are required");
        Vocab = vocab;
        Length = length;
        Device = device;
        _tokens = RegisterModule("tokens", new Embedding(vocab, width, generator, device, 0.5));
        _positions = RegisterModule("positions", new Embedding(length, width, generator, device, 0.5));
        _hidden = RegisterModule("hidden", new Linear(length * width, width, generator, device));
        _head = RegisterModule("head", new Linear(width, dimension, generator, device));
        _dimension = dimension;
        _rotation = new float[dimension * dimension];
        for (var i = 0; i < dimension; i += 2)
        {
            _rotation[i * dimension + i + 1] = 1;
            _rotation[(i + 1) * dimension + i] = -1;
        }
    }

    /// <summary>Vocabulary size V.</summary>
    public int Vocab { get; }

    /// <summary>Sequence length L.</summary>
    public int Length { get; }

    /// <summary>The device of the parameters.</summary>
    public Device Device { get; }

    /// <summary>The GPM embeddings <c>v(y)</c>: tokens [B, L] (Int64) → [B, 2k].</summary>
    public Tensor Embed(Tensor sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        using var scope = new DisposeScope();
        var embedded = _tokens.Forward(sequences) + _positions.Forward(Tensor.Arange(Length, DType.Int64, Device));
        return _head.Forward(_hidden.Forward(embedded.Reshape(sequences.Shape[0], -1)).Gelu()).MoveToOuterScope();
    }

    /// <summary>The skew-symmetric scores <c>v(a)ᵀ R v(b)</c> of embeddings [B, 2k] and [B, 2k] → [B].</summary>
    public Tensor Score(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = new DisposeScope();
        return (a * b.MatMul(Rotation().Transpose(0, 1))).Sum(1).MoveToOuterScope();
    }

    /// <summary>All scores <c>S = V R Vᵀ</c> of embeddings [n, 2k] → [n, n].</summary>
    public Tensor Scores(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = new DisposeScope();
        return embeddings.MatMul(Rotation()).MatMul(embeddings.Transpose(0, 1)).MoveToOuterScope();
    }

    // R as a tensor on the model's device (a few floats; rebuilt per call so no tensor outlives its scope).
    private Tensor Rotation() => Tensor.FromArray(_rotation, _dimension, _dimension).To(Device);
}
