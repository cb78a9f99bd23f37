using Rebel.Preference;
using Rebel.Torch;

namespace Rebel.Neural;

/// <summary>The <c>Device</c> property of a neural options record, resolved; a device that does not exist is an error naming the property.</summary>
internal static class DeviceOption
{
    /// <summary>Resolves <paramref name="spec"/>, the <c>Device</c> of <typeparamref name="TOptions"/>.</summary>
    /// <exception cref="OptionException">No such device here (e.g. cuda without a GPU), or a malformed name.</exception>
    internal static Device Resolve<TOptions>(string spec)
    {
        try
        {
            return Device.Resolve(spec);
        }
        catch (Exception e) when (e is TorchException or ArgumentException)
        {
            // Device's messages start with the device's name, which the option's value already gives.
            string prefix = $"device '{spec}': ";
            string problem = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            throw OptionException.Of<TOptions>("Device", spec, problem);
        }
    }
}
