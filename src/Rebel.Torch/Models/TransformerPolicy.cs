using System.Text.Json;
using System.Text.Json.Nodes;
using Rebel.Torch.Nn;

namespace Rebel.Torch.Models;

/// <summary>
/// A GPT-2-style causal transformer policy over token sequences: token and learned position embeddings,
/// pre-LayerNorm blocks, a final LayerNorm and an output projection tied to the token embedding.
/// A response y to a prompt x (at least one token, e.g. a BOS id) has
/// <c>ln π(y|x) = Σ_t ln p(y_t | x, y_&lt;t)</c>: the policy conditions on the prompt as a prefix. Responses may be
/// restricted to the first R token ids (<c>responseVocab</c>), the rest being tokens that occur only in prompts:
/// the next-token distribution is then the softmax over those R logits.
/// </summary>
public sealed class TransformerPolicy : Module
{
    private readonly Embedding tokenEmbedding;
    private readonly Embedding positionEmbedding;
    private readonly TransformerBlock[] blocks;
    private readonly LayerNorm finalNorm;
    private readonly Tensor positions;

    /// <summary>Creates the policy with GPT-2's initialisation drawn from <paramref name="generator"/>.</summary>
    public TransformerPolicy(TransformerConfig config, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Device = device;
        tokenEmbedding = RegisterModule("wte", new Embedding(config.Vocab, config.DModel, generator, device, std: 0.02));
        positionEmbedding = RegisterModule("wpe", new Embedding(config.Context, config.DModel, generator, device, std: 0.01));
        blocks = new TransformerBlock[config.Layers];
        for (var i = 0; i < blocks.Length; i++)
            blocks[i] = RegisterModule($"blocks.{i}", new TransformerBlock(config, generator, device));
        finalNorm = RegisterModule("lnf", new LayerNorm(config.DModel, device, config.Epsilon));
        positions = Tensor.Arange(config.Context, DType.Int64, device).Unscope();
    }

    /// <summary>The model's shape.</summary>
    public TransformerConfig Config { get; }

    /// <summary>The device holding the parameters; inputs must live there too.</summary>
    public Device Device { get; }

    /// <summary>
    /// Next-token logits: tokens [B, T] (Int64) → [B, T, vocab]. With a <paramref name="cache"/> (see
    /// <see cref="NewCache"/>) the tokens continue the P positions it holds: they sit at positions P…P+T−1, attend to
    /// the cached ones too, and are added to it.
    /// </summary>
    public Tensor Forward(Tensor tokens, KvCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var t = tokens.Shape[1];
        var past = cache?.Length ?? 0;
        if (past + t > Config.Context) throw new ArgumentException($"transformer: sequence length {past + t} exceeds the context {Config.Context}");
        if (cache is not null && (cache.Batch != tokens.Shape[0] || past + t > cache.Capacity))
            throw new ArgumentException($"transformer: {tokens.Shape[0]} rows of {t} tokens do not fit a cache of {cache.Batch} rows with {cache.Capacity - past} free positions");
        using var scope = new DisposeScope();
        var h = tokenEmbedding.Forward(tokens) + positionEmbedding.Forward(positions.Narrow(0, past, t));
        for (var i = 0; i < blocks.Length; i++) h = blocks[i].Forward(h, cache, i);
        cache?.Advance(t);
        return Tensor.Linear(finalNorm.Forward(h), tokenEmbedding.Weight, null).MoveToOuterScope();
    }

    /// <summary>An empty key/value cache for <paramref name="batch"/> rows of up to <paramref name="capacity"/> positions (at most the context).</summary>
    public KvCache NewCache(long batch, long capacity)
    {
        if (batch < 1 || capacity < 1 || capacity > Config.Context)
            throw new ArgumentOutOfRangeException(nameof(capacity), $"a cache needs ≥ 1 row and 1…{Config.Context} positions, not {batch} × {capacity}");
        return new KvCache(Config.Layers, batch, Config.Heads, capacity, Config.DModel / Config.Heads, Device);
    }

    /// <summary>
    /// <c>ln p(y_t | x, y_&lt;t)</c> for each response token: prompt [B, P ≥ 1], response [B, L] → [B, L]; responses
    /// over the first <paramref name="responseVocab"/> ids (0: the whole vocabulary).
    /// </summary>
    public Tensor TokenLogProbs(Tensor prompt, Tensor response, int responseVocab = 0)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var p = prompt.Shape[1];
        var l = response.Shape[1];
        if (p < 1) throw new ArgumentException("transformer: the prompt needs at least one token (a BOS id)");
        using var scope = new DisposeScope();
        var input = l > 1 ? Tensor.Cat([prompt, response.Narrow(1, 0, l - 1)], 1) : prompt;
        var logProbs = ResponseLogits(Forward(input).Narrow(1, p - 1, l), responseVocab).LogSoftmax(-1);
        return logProbs.Gather(2, response.Unsqueeze(-1)).Squeeze(-1).MoveToOuterScope();
    }

    /// <summary><c>ln π(y|x)</c>, the sum of the response's token log-probabilities: [B, P], [B, L] → [B] (see <see cref="TokenLogProbs"/>).</summary>
    public Tensor SequenceLogProbs(Tensor prompt, Tensor response, int responseVocab = 0)
    {
        using var tokens = TokenLogProbs(prompt, response, responseVocab);
        return tokens.Sum(1);
    }

    /// <summary>
    /// Samples <paramref name="length"/> tokens after each prompt row, token by token from softmax(logits / temperature)
    /// with <paramref name="generator"/> (on the model's device kind); temperature 0 is greedy. Returns [B, length],
    /// over the first <paramref name="responseVocab"/> ids (0: the whole vocabulary). The fixed-length case of
    /// <see cref="Generate"/>.
    /// </summary>
    public Tensor Sample(Tensor prompt, int length, double temperature, Generator generator, int responseVocab = 0) =>
        Sample(prompt, new GenerationOptions(MaxTokens: length, Temperature: temperature, ResponseVocab: responseVocab), generator);

    /// <summary>
    /// Samples exactly <see cref="GenerationOptions.MaxTokens"/> tokens after each prompt row as <paramref name="options"/>
    /// say (temperature, top-k, top-p, response ids; the end token does not stop it): [B, MaxTokens].
    /// </summary>
    public Tensor Sample(Tensor prompt, GenerationOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        return Sample(prompt, options, (_, logits) => TokenSampler.Next(logits, options, generator));
    }

    /// <summary>
    /// As <see cref="Sample(Tensor, GenerationOptions, Generator)"/>, but row r draws step s at <paramref name="streams"/>'
    /// uniform (r, s) by inverse CDF, so a row draws the same tokens whichever batch it is generated in (to rounding of
    /// the logits). The streams must have one row per prompt row.
    /// </summary>
    public Tensor Sample(Tensor prompt, GenerationOptions options, RowStreams streams)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(streams);
        if (prompt is not null && streams.Count != prompt.Shape[0])
            throw new ArgumentException($"transformer: {streams.Count} row streams for {prompt.Shape[0]} prompt rows");
        return Sample(prompt!, options, (step, logits) => TokenSampler.Next(logits, options, streams.Uniforms(step)));
    }

    private Tensor Sample(Tensor prompt, GenerationOptions options, Func<int, Tensor, Tensor> draw)
    {
        // The tokens stay on the device: no log-probabilities, no end token, nothing read back per step.
        // Each step's ids outlive the loop's scopes until they are concatenated.
        var steps = new List<Tensor>();
        try
        {
            Decode(prompt, options with { EndToken = null }, draw, (_, next, _) =>
            {
                steps.Add(next.Unscope());
                return next;
            });
            return Tensor.Cat(steps, 1);
        }
        finally
        {
            foreach (var t in steps) t.Dispose();
        }
    }

    /// <summary>
    /// Generates up to <see cref="GenerationOptions.MaxTokens"/> tokens after each row of <paramref name="prompt"/>
    /// [B, P ≥ 1] with a key/value cache (<see cref="Generator"/> draws on the model's device kind): the prompt is read
    /// once, then each new token is one forward pass of one position. Rows share positions, so rows of different
    /// prompts must be padded to one length as the policy is trained on them; a row that has drawn the end token
    /// continues with end tokens of log-probability 0, and generation stops once every row has ended.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or a prompt that does not leave room for the tokens in the context.</exception>
    public GeneratedTokens Generate(Tensor prompt, GenerationOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = prompt?.Shape[0] ?? 0;
        var tokens = new List<long[]>();
        var logProbs = new List<float[]>();
        var lengths = new int[rows];
        var ended = new bool[rows];
        ArgumentNullException.ThrowIfNull(generator);
        Decode(prompt!, options, (_, logits) => TokenSampler.Next(logits, options, generator), (step, next, logits) =>
        {
            var ids = next.To(Device.Cpu).ToArray<long>();
            var lp = logits.LogSoftmax(-1).Gather(1, next).To(Device.Cpu).ToArray<float>();
            for (var r = 0; r < rows; r++)
            {
                if (ended[r]) (ids[r], lp[r]) = (options.EndToken!.Value, 0f);
                else
                {
                    lengths[r]++;
                    ended[r] = ids[r] == options.EndToken;
                }
            }
            tokens.Add(ids);
            logProbs.Add(lp);
            return ended.All(e => e) ? null : Tensor.FromArray(ids, rows, 1).To(Device);
        });
        return GeneratedTokens.FromSteps(tokens, logProbs, lengths);
    }

    // The decoding loop of Sample and Generate: `draw(step, response logits [B, R])` gives ids [B, 1], then
    // `onStep(step, ids, response logits)` returns the tokens to read next (null: stop). The cache holds the prompt and
    // every token read back.
    private void Decode(Tensor prompt, GenerationOptions options, Func<int, Tensor, Tensor> draw, Func<int, Tensor, Tensor, Tensor?> onStep)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        options.Validate(Config.Vocab);
        long rows = prompt.Shape[0], p = prompt.Shape[1];
        if (p < 1) throw new ArgumentException("transformer: the prompt needs at least one token (a BOS id)");
        // The last token drawn is never read back, so the context holds the prompt and MaxTokens − 1 of them.
        if (p + options.MaxTokens - 1 > Config.Context)
            throw new ArgumentException($"transformer: a prompt of {p} tokens and {options.MaxTokens} new ones exceed the context of {Config.Context} positions");
        using var noGrad = Torch.NoGrad();
        using var scope = new DisposeScope();
        using var cache = NewCache(rows, Math.Max(p, p + options.MaxTokens - 1));
        var logits = Forward(prompt, cache).Narrow(1, p - 1, 1).Squeeze(1);
        for (var step = 0; step < options.MaxTokens; step++)
        {
            using var stepScope = new DisposeScope();
            var response = ResponseLogits(logits, options.ResponseVocab);
            var fed = onStep(step, draw(step, response), response);
            if (fed is null || step == options.MaxTokens - 1) break;
            var previous = logits;
            logits = Forward(fed, cache).Squeeze(1).MoveToOuterScope();
            previous.Dispose();
        }
    }

    /// <summary>The model kind recorded in saved weights.</summary>
    public const string ModelKind = "transformer-policy";

    /// <summary>
    /// Saves the weights as safetensors with PyTorch's names (<c>wte.weight</c>, <c>blocks.0.attn.qkv.weight</c>, …;
    /// bench/torch/rebel_step.py builds the same module tree) and the config as JSON (<see cref="ParameterFile"/>).
    /// </summary>
    public void Save(string path) => ParameterFile.Save(this, path, ModelKind, ConfigJson(Config));

    /// <summary>Replaces the weights by those saved in <paramref name="path"/>, which must come from a policy of the same config.</summary>
    /// <exception cref="InvalidDataException">Another model, config, name, dtype or shape (one line naming the file and the tensor); the weights are unchanged.</exception>
    public void LoadWeights(string path) => ParameterFile.Load(this, path, ModelKind, ConfigJson(Config));

    /// <summary>The policy saved in <paramref name="path"/>, built from the config stored with it, on <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">Not the weights of a transformer policy, or an inconsistent file (one line naming the file).</exception>
    public static TransformerPolicy Load(string path, Device device)
    {
        var (model, json) = ParameterFile.ReadModel(path);
        if (model != ModelKind) throw new InvalidDataException($"{path}: holds a {model ?? "model of unknown kind"}, not a {ModelKind}");
        TransformerConfig config;
        try
        {
            config = json.Deserialize(ModelJson.Default.TransformerConfig) ?? throw new JsonException("null");
            config.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: config {json.ToJsonString()} is not a transformer config ({e.Message.Split('\n')[0]})");
        }
        using var init = new Generator(0);
        var policy = new TransformerPolicy(config, init, device);
        try { policy.LoadWeights(path); }
        catch
        {
            policy.Dispose();
            throw;
        }
        return policy;
    }

    private static JsonObject ConfigJson(TransformerConfig config) =>
        JsonSerializer.SerializeToNode(config, ModelJson.Default.TransformerConfig)!.AsObject();

    // The logits of the response tokens [..., R]; the whole vocabulary unchanged (no copy) when R is 0 or V.
    private Tensor ResponseLogits(Tensor logits, int responseVocab)
    {
        if (responseVocab < 0 || responseVocab > Config.Vocab)
            throw new ArgumentOutOfRangeException(nameof(responseVocab), responseVocab, $"not in [0, {Config.Vocab}]");
        return responseVocab == 0 || responseVocab == Config.Vocab ? logits : logits.Narrow(-1, 0, responseVocab);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) positions.Dispose();
        base.Dispose(disposing);
    }
}
