using Rebel.Torch.Distributed;

namespace Rebel.Torch.Tests.Distributed;

/// <summary>
/// c10d through the shim: two ranks (threads of this process, each with its own Gloo process group over one TCP
/// store) all-reduce gradients to their mean, broadcast rank 0's tensors, and a rank that leaves ends the other's
/// next collective with an error instead of a hang.
/// </summary>
public sealed class ProcessGroupTests
{
    public ProcessGroupTests() => NativeShim.Ensure();

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(ProcessGroup.DefaultBucketBytes)]
    [InlineData(8L)]
    public void Gradients_become_their_mean_over_the_ranks_in_one_bucket_or_many(long bucketBytes)
    {
        var results = OnTwoRanks((group, rank) =>
        {
            using var scope = new DisposeScope();
            var a = Tensor.FromArray([1.0, 2.0, 3.0], 3);
            var b = Tensor.FromArray([10.0, 20.0, 30.0, 40.0], 2, 2);
            var unused = Tensor.FromArray([5.0], 1);
            foreach (var p in new[] { a, b, unused })
                p.RequiresGrad = true;
            // Rank r's loss (r+1)·(a·a + b·b): gradient 2(r+1)·a and 2(r+1)·b; no gradient for the unused parameter.
            ((a * a).Sum() * (rank + 1) + (b * b).Sum() * (rank + 1)).Backward();
            group.AllReduceGradients([a, b, unused], bucketBytes);
            return new[] { a.Grad!.ToArray<double>(), b.Grad!.ToArray<double>(), unused.Grad!.ToArray<double>() };
        });
        foreach (var grads in results)
        {
            // The mean of 2·1·x and 2·2·x is 3x.
            Assert.Equal([3.0, 6.0, 9.0], grads[0]);
            Assert.Equal([30.0, 60.0, 90.0, 120.0], grads[1]);
            Assert.Equal([0.0], grads[2]);
        }
    }

    [Fact]
    public void Broadcast_gives_every_rank_rank_0s_tensors_and_sums_add_up()
    {
        var results = OnTwoRanks((group, rank) =>
        {
            using var scope = new DisposeScope();
            var w = Tensor.FromArray([rank + 0.5, rank + 1.5], 2);
            var v = Tensor.FromArray([(double)rank], 1).To(DType.Float32);
            group.Broadcast([w, v]);
            double[] sum = [rank + 1, 10 * rank];
            group.AllReduceSum(sum);
            group.Barrier();
            return (W: w.ToArray<double>(), V: v.ToArray<float>(), Sum: sum);
        });
        foreach (var r in results)
        {
            Assert.Equal([0.5, 1.5], r.W);
            Assert.Equal([0f], r.V);
            Assert.Equal([3.0, 10.0], r.Sum);
        }
    }

    [Fact]
    public void A_rank_that_leaves_ends_the_other_ranks_next_collective_with_one_line_not_a_hang()
    {
        var started = DateTime.UtcNow;
        var results = OnTwoRanks((group, rank) =>
        {
            group.Barrier();
            if (rank == 1)
                return null;
            Thread.Sleep(200);
            return Record.Exception(() => group.Barrier());
        });
        var e = Assert.IsType<TorchException>(results[0]);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(DateTime.UtcNow - started < Timeout + TimeSpan.FromSeconds(10), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public void The_environment_is_read_from_torchrun_or_slurm_and_a_bad_value_is_named()
    {
        Assert.Equal(DistributedEnvironment.Single, DistributedEnvironment.Read(_ => null));
        var torchrun = new Dictionary<string, string>
        {
            ["RANK"] = "1", ["WORLD_SIZE"] = "2", ["LOCAL_RANK"] = "1", ["MASTER_ADDR"] = "127.0.0.1", ["MASTER_PORT"] = "29400",
            ["TORCHELASTIC_USE_AGENT_STORE"] = "True", ["TORCHELASTIC_RESTART_COUNT"] = "3",
            ["SLURM_PROCID"] = "0", ["SLURM_NTASKS"] = "4",
        };
        Assert.Equal(new DistributedEnvironment(1, 2, 1, "127.0.0.1", 29400, true, "/worker/attempt_3"), DistributedEnvironment.Read(torchrun.GetValueOrDefault));
        var slurm = new Dictionary<string, string> { ["SLURM_PROCID"] = "3", ["SLURM_NTASKS"] = "4", ["SLURM_LOCALID"] = "1", ["MASTER_ADDR"] = "node7", ["MASTER_PORT"] = "29500" };
        Assert.Equal(new DistributedEnvironment(3, 4, 1, "node7", 29500), DistributedEnvironment.Read(slurm.GetValueOrDefault));
        torchrun["RANK"] = "2";
        Assert.Contains("RANK=2", Assert.Throws<FormatException>(() => DistributedEnvironment.Read(torchrun.GetValueOrDefault)).Message, StringComparison.Ordinal);
        slurm.Remove("MASTER_PORT");
        Assert.Contains("MASTER_PORT", Assert.Throws<FormatException>(() => DistributedEnvironment.Read(slurm.GetValueOrDefault)).Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="body"/> as ranks 0 and 1 of a fresh group on a free local port, each on its own thread.</summary>
    private static T[] OnTwoRanks<T>(Func<ProcessGroup, int, T> body)
    {
        int port = LocalPort.Free();
        var results = new T[2];
        var errors = new Exception?[2];
        var threads = Enumerable.Range(0, 2).Select(rank => new Thread(() =>
        {
            try
            {
                // A rank leaves the group as its body returns.
                using var group = ProcessGroup.Join(new DistributedEnvironment(rank, 2, rank, "127.0.0.1", port), DistributedBackend.Gloo, Timeout);
                results[rank] = body(group, rank);
            }
            catch (Exception e)
            {
                errors[rank] = e;
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(Timeout * 2), "a rank did not finish");
        foreach (var e in errors)
            if (e is not null) throw e;
        return results;
    }
}
