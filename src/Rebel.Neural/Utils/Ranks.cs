using System.Globalization;
using Rebel.Torch;
using Rebel.Torch.Distributed;

namespace Rebel.Neural.Utils;

/// <summary>
/// The data-parallel job a neural run belongs to, as its launcher (torchrun, srun) describes it in the environment
/// (<see cref="DistributedEnvironment"/>), and its process group: Gloo on CPU, NCCL on CUDA.
/// </summary>
internal static class Ranks
{
    /// <summary>Seconds a rank waits for the others before it gives up (a dead rank ends the others after this), unless <c>REBEL_DIST_TIMEOUT</c> says otherwise.</summary>
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>The job of this process; <see cref="DistributedEnvironment.Single"/> outside a launcher.</summary>
    /// <exception cref="ArgumentException">A launcher's variable is malformed (one line naming it).</exception>
    public static DistributedEnvironment Read()
    {
        try
        {
            return DistributedEnvironment.Read();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"the data-parallel environment: {e.Message}", e);
        }
    }

    /// <summary>Joins the job's process group for a policy on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException"><c>REBEL_DIST_TIMEOUT</c> is not a positive number of seconds.</exception>
    /// <exception cref="TorchException">The other ranks or the store cannot be reached in time.</exception>
    public static ProcessGroup Join(DistributedEnvironment environment, Device device)
    {
        string? text = Environment.GetEnvironmentVariable("REBEL_DIST_TIMEOUT");
        double seconds = DefaultTimeoutSeconds;
        if (!string.IsNullOrEmpty(text) && !(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0 && seconds < 1e6))
            throw new ArgumentException($"REBEL_DIST_TIMEOUT={text}: must be a positive number of seconds");
        return ProcessGroup.Join(environment, device.Type == DeviceType.Cuda ? DistributedBackend.Nccl : DistributedBackend.Gloo, TimeSpan.FromSeconds(seconds));
    }
}
