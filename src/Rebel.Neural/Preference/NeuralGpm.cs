using System.Text.Json.Nodes;
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
        Width = width;
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

    /// <summary>Width of the embeddings and the hidden layer.</summary>
    public int Width { get; }

    /// <summary>Dimension 2k of the GPM embeddings <c>v(y)</c>.</summary>
    public int Dimension => _dimension;

    /// <summary>The device of the parameters.</summary>
    public Device Device { get; }

    /// <summary>The model kind recorded in saved weights.</summary>
    public const string ModelKind = "neural-gpm";

    /// <summary>
    /// Saves the weights as safetensors (<c>tokens.weight</c>, <c>positions.weight</c>, <c>hidden.weight</c>, <c>hidden.bias</c>,
    /// <c>head.weight</c>, <c>head.bias</c>) with the config (vocab, length, width, dimension) as JSON (<see cref="ParameterFile"/>).
    /// </summary>
    public void Save(string path) => ParameterFile.Save(this, path, ModelKind, ConfigJson());

    /// <summary>The model saved in <paramref name="path"/>, built from the config stored with it, on <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">Not the weights of a neural GPM, or an inconsistent file (one line naming the file and the tensor).</exception>
    public static NeuralGpm Load(string path, Device device)
    {
        var (model, config) = ParameterFile.ReadModel(path);
        if (model != ModelKind) throw new InvalidDataException($"{path}: holds a {model ?? "model of unknown kind"}, not a {ModelKind}");
        int Size(string key) => config[key] is JsonValue v && v.TryGetValue<int>(out var x) ? x
            : throw new InvalidDataException($"{path}: config {config.ToJsonString()} has no integer '{key}'");
        NeuralGpm gpm;
        using (var init = new Generator(0))
        {
            try { gpm = new NeuralGpm(Size("vocab"), Size("length"), Size("width"), Size("dimension"), init, device); }
            catch (ArgumentException e) { throw new InvalidDataException($"{path}: config {config.ToJsonString()}: {e.Message}"); }
        }
        try { ParameterFile.Load(gpm, path, ModelKind, gpm.ConfigJson()); }
        catch
        {
            gpm.Dispose();
            throw;
        }
        return gpm;
    }

    private JsonObject ConfigJson() => new() { ["vocab"] = Vocab, ["length"] = Length, ["width"] = Width, ["dimension"] = _dimension };

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
