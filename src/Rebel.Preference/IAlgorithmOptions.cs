namespace Rebel.Preference;

/// <summary>
/// The options record of a self-play algorithm. The record names its algorithm (<see cref="Algorithm"/>), so that
/// <see cref="AlgorithmCatalog.Register(System.Reflection.Assembly)"/> finds it: adding an algorithm is its class, this
/// record and its test. Properties marked with <see cref="OptionAttribute"/> become command-line flags.
/// </summary>
public interface IAlgorithmOptions : IValidatedOptions
{
    /// <summary>The algorithm these options configure.</summary>
    static abstract AlgorithmDescriptor Algorithm { get; }
}
