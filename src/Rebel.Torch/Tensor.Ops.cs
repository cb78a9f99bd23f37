using Rebel.Torch.Interop;


namespace Rebel.Torch;

/// <content>Operations; each is one libtorch call and returns a new tensor.</content>
public sealed partial class Tensor
{
    /// <summary>Elementwise sum (broadcasting).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Wrap(Native.rt_add(a.Handle, b.Handle));

    /// <summary>Elementwise difference (broadcasting).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Wrap(Native.rt_sub(a.Handle, b.Handle));

    /// <summary>Elementwise product (broadcasting).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Wrap(Native.rt_mul(a.Handle, b.Handle));

    /// <summary>Elementwise quotient (broadcasting).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Wrap(Native.rt_div(a.Handle, b.Handle));

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, double s) => Wrap(Native.rt_add_scalar(a.Handle, s));

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, double s) => Wrap(Native.rt_add_scalar(a.Handle, -s));

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, double s) => Wrap(Native.rt_mul_scalar(a.Handle, s));

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(double s, Tensor a) => Wrap(Native.rt_mul_scalar(a.Handle, s));

    /// <summary>Divides by a scalar (a true division, as PyTorch's, not a multiplication by 1/s).</summary>
    public static Tensor operator /(Tensor a, double s) => Wrap(Native.rt_div_scalar(a.Handle, s));

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Wrap(Native.rt_neg(a.Handle));

    /// <summary>Matrix product with batching and broadcasting (<c>torch.matmul</c>).</summary>
    public Tensor MatMul(Tensor other) => Wrap(Native.rt_matmul(Handle, other.Handle));

    /// <summary>Elementwise maximum.</summary>
    public Tensor Maximum(Tensor other) => Wrap(Native.rt_maximum(Handle, other.Handle));

    /// <summary>Elementwise equality as a Bool tensor.</summary>
    public Tensor Eq(Tensor other) => Wrap(Native.rt_eq(Handle, other.Handle));

    /// <summary>Elementwise <c>this ≤ other</c> (broadcast) as a Bool tensor.</summary>
    public Tensor LessEqual(Tensor other) => Wrap(Native.rt_le(Handle, other.Handle));

    /// <summary>Elementwise <c>x &gt; s</c> as a Bool tensor.</summary>
    public Tensor Greater(double s) => Wrap(Native.rt_gt_scalar(Handle, s));

    /// <summary>Elementwise power.</summary>
    public Tensor Pow(double exponent) => Wrap(Native.rt_pow_scalar(Handle, exponent));

    /// <summary>Elementwise exponential.</summary>
    public Tensor Exp() => Wrap(Native.rt_exp(Handle));

    /// <summary>Elementwise natural logarithm.</summary>
    public Tensor Log() => Wrap(Native.rt_log(Handle));

    /// <summary>Elementwise square root.</summary>
    public Tensor Sqrt() => Wrap(Native.rt_sqrt(Handle));

    /// <summary>Elementwise tanh.</summary>
    public Tensor Tanh() => Wrap(Native.rt_tanh(Handle));

    /// <summary>Elementwise max(x, 0).</summary>
    public Tensor Relu() => Wrap(Native.rt_relu(Handle));

    /// <summary>Elementwise GELU (exact, erf form).</summary>
    public Tensor Gelu() => Wrap(Native.rt_gelu(Handle));

    /// <summary>Elementwise logistic function.</summary>
    public Tensor Sigmoid() => Wrap(Native.rt_sigmoid(Handle));

    /// <summary>Elementwise log of the logistic function, computed stably.</summary>
    public Tensor LogSigmoid() => Wrap(Native.rt_logsigmoid(Handle));

    /// <summary>A contiguous copy, or this data when already contiguous.</summary>
    public Tensor Contiguous() => Wrap(Native.rt_contiguous(Handle));

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public Tensor Softmax(long dim) => Wrap(Native.rt_softmax(Handle, dim));

    /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
    public Tensor LogSoftmax(long dim) => Wrap(Native.rt_log_softmax(Handle, dim));

    /// <summary>Cumulative sums along <paramref name="dim"/>.</summary>
    public Tensor Cumsum(long dim) => Wrap(Native.rt_cumsum(Handle, dim));

    /// <summary>Sum of all elements.</summary>
    public Tensor Sum() => Wrap(Native.rt_sum_all(Handle));

    /// <summary>Sum over one dimension.</summary>
    public Tensor Sum(long dim, bool keepDim = false) => Wrap(Native.rt_sum(Handle, [dim], 1, keepDim ? 1 : 0));

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Wrap(Native.rt_mean_all(Handle));

    /// <summary>Mean over one dimension.</summary>
    public Tensor Mean(long dim, bool keepDim = false) => Wrap(Native.rt_mean(Handle, [dim], 1, keepDim ? 1 : 0));

    /// <summary>log Σ exp over one dimension, computed stably.</summary>
    public Tensor LogSumExp(long dim, bool keepDim = false) => Wrap(Native.rt_logsumexp(Handle, [dim], 1, keepDim ? 1 : 0));

    /// <summary>Index of the maximum along <paramref name="dim"/>.</summary>
    public Tensor ArgMax(long dim, bool keepDim = false) => Wrap(Native.rt_argmax(Handle, dim, keepDim ? 1 : 0));

    /// <summary>The same elements with a new shape (a view when possible); one size may be -1.</summary>
    public Tensor Reshape(params long[] shape) => Wrap(Native.rt_reshape(Handle, shape, shape.Length));

    /// <summary>A view with a new shape; fails when the strides do not allow it.</summary>
    public Tensor View(params long[] shape) => Wrap(Native.rt_view(Handle, shape, shape.Length));

    /// <summary>A broadcast view with size-1 dimensions expanded.</summary>
    public Tensor Expand(params long[] shape) => Wrap(Native.rt_expand(Handle, shape, shape.Length));

    /// <summary>A view with the dimensions reordered.</summary>
    public Tensor Permute(params long[] dims) => Wrap(Native.rt_permute(Handle, dims, dims.Length));

    /// <summary>A view with two dimensions swapped.</summary>
    public Tensor Transpose(long dim0, long dim1) => Wrap(Native.rt_transpose(Handle, dim0, dim1));

    /// <summary>A view of <paramref name="length"/> entries from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor Narrow(long dim, long start, long length) => Wrap(Native.rt_narrow(Handle, dim, start, length));

    /// <summary>Inserts a size-1 dimension.</summary>
    public Tensor Unsqueeze(long dim) => Wrap(Native.rt_unsqueeze(Handle, dim));

    /// <summary>Removes a size-1 dimension.</summary>
    public Tensor Squeeze(long dim) => Wrap(Native.rt_squeeze(Handle, dim));

    /// <summary>Upper triangle (entries with column − row ≥ <paramref name="diagonal"/>), zeros elsewhere.</summary>
    public Tensor Triu(long diagonal = 0) => Wrap(Native.rt_triu(Handle, diagonal));

    /// <summary>Lower triangle (entries with column − row ≤ <paramref name="diagonal"/>), zeros elsewhere.</summary>
    public Tensor Tril(long diagonal = 0) => Wrap(Native.rt_tril(Handle, diagonal));

    /// <summary>The slices of this tensor at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor IndexSelect(long dim, Tensor index) => Wrap(Native.rt_index_select(Handle, dim, index.Handle));

    /// <summary><c>out[i][j] = this[i][index[i][j]]</c> for <paramref name="dim"/> 1, and likewise for other dims.</summary>
    public Tensor Gather(long dim, Tensor index) => Wrap(Native.rt_gather(Handle, dim, index.Handle));

    /// <summary>This tensor with <paramref name="value"/> where <paramref name="mask"/> is true (broadcasting).</summary>
    public Tensor MaskedFill(Tensor mask, double value) => Wrap(Native.rt_masked_fill(Handle, mask.Handle, value));

    /// <summary>Elementwise <c>condition ? a : b</c>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => Wrap(Native.rt_where(condition.Handle, a.Handle, b.Handle));

    /// <summary>Rows of <paramref name="weight"/> at the integer <paramref name="indices"/> (shape indices.Shape + [d]).</summary>
    public static Tensor Embedding(Tensor weight, Tensor indices) => Wrap(Native.rt_embedding(weight.Handle, indices.Handle));

    /// <summary><c>x Wᵀ + b</c> with W of shape [out, in]; <paramref name="bias"/> may be null.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        var result = Wrap(Native.rt_linear(x.Handle, weight.Handle, bias?.Handle.DangerousGetHandle() ?? 0));
        GC.KeepAlive(bias);
        return result;
    }

    /// <summary>Layer normalisation over the trailing dimensions <paramref name="normalizedShape"/>, with optional affine weight and bias.</summary>
    public static Tensor LayerNorm(Tensor x, long[] normalizedShape, Tensor? weight, Tensor? bias, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        var result = Wrap(Native.rt_layer_norm(x.Handle, normalizedShape, normalizedShape.Length,
            weight?.Handle.DangerousGetHandle() ?? 0, bias?.Handle.DangerousGetHandle() ?? 0, eps));
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return result;
    }

    /// <summary>Concatenation along an existing dimension.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> parts, long dim)
    {
        using var pin = new HandleArray(parts);
        return Wrap(Native.rt_cat(pin.Pointers, pin.Pointers.Length, dim));
    }

    /// <summary>Stacking along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> parts, long dim)
    {
        using var pin = new HandleArray(parts);
        return Wrap(Native.rt_stack(pin.Pointers, pin.Pointers.Length, dim));
    }

    /// <summary>Draws <paramref name="samples"/> indices per row with probabilities proportional to this tensor's rows.</summary>
    public Tensor Multinomial(long samples, Generator generator, bool replacement = false) =>
        Wrap(Native.rt_multinomial(Handle, samples, replacement ? 1 : 0, generator.Handle));
}
