namespace Rebel.Preference;

/// <summary>An options record that checks its own values; <see cref="AlgorithmDescriptor.Instantiate"/> validates a run's records before it builds the algorithm.</summary>
public interface IValidatedOptions
{
    /// <summary>Checks every value that can be checked without the game.</summary>
    /// <exception cref="OptionException">A value is out of range; the exception names the property.</exception>
    void Validate();
}
