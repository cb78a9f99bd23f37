using Rebel.Torch;
using Rebel.Torch.Distributed;

namespace Rebel.Neural;

/// <summary>
/// Data parallelism for <see cref="RebelTrainer"/> over a c10d <see cref="ProcessGroup"/>: every rank draws the same
/// prompts (the same seed), and generates, queries the oracle and back-propagates only for its groups (group g belongs
/// to rank g mod W; each row's draws are keyed by its number, not by the rank), and the gradients are all-reduced
/// before every optimiser step, so that every rank takes the step of the whole minibatch and the parameters stay
/// identical. Each rank's surrogate is weighted
/// by its share of the minibatch, so that the mean over ranks is the whole minibatch's mean gradient for any split.
/// </summary>
internal sealed class DataParallel
{
    private readonly ProcessGroup _group;
    private readonly IReadOnlyList<Tensor> _parameters;

    /// <summary>Joins the training of <paramref name="parameters"/>, starting every rank from rank 0's values.</summary>
    public DataParallel(ProcessGroup group, IReadOnlyList<Tensor> parameters)
    {
        _group = group;
        _parameters = parameters;
        using (Torch.Torch.NoGrad())
            group.Broadcast(parameters);
    }

    /// <summary>Whether group <paramref name="g"/> of the iteration is this rank's.</summary>
    public bool Owns(int g) => g % _group.Size == _group.Rank;

    /// <summary>This rank's groups of an iteration of <paramref name="count"/> groups, in order.</summary>
    public int[] Groups(int count)
    {
        var groups = new int[Math.Max(0, (count - _group.Rank + _group.Size - 1) / _group.Size)];
        for (var l = 0; l < groups.Length; l++) groups[l] = _group.Rank + l * _group.Size;
        return groups;
    }

    /// <summary>The place of this rank's group <paramref name="g"/> among its <see cref="Groups"/>.</summary>
    public int Local(int g) => g / _group.Size;

    /// <summary>This rank's groups of a minibatch, in order.</summary>
    public int[] Share(ReadOnlySpan<int> batch)
    {
        var share = new List<int>(batch.Length / _group.Size + 1);
        foreach (int g in batch)
            if (Owns(g)) share.Add(g);
        return share.ToArray();
    }

    /// <summary>The factor of this rank's surrogate (its mean over <paramref name="share"/> groups) for a minibatch of <paramref name="full"/>.</summary>
    public double Weight(int share, int full) => (double)share * _group.Size / full;

    /// <summary>After this rank's backward pass: the gradients become their mean over the ranks.</summary>
    public void Synchronise() => _group.AllReduceGradients(_parameters);

    /// <summary>The sum of <paramref name="value"/> over the ranks.</summary>
    public double Sum(double value)
    {
        double[] sum = [value];
        _group.AllReduceSum(sum);
        return sum[0];
    }
}
