namespace Rebel.Preference;

/// <summary>A self-play algorithm as the catalogue lists it.</summary>
/// <param name="Name">The <c>--algo</c> name.</param>
/// <param name="Description">One line for help and listings.</param>
/// <param name="OptionsType">Its own options record type (properties marked with <see cref="OptionAttribute"/>), or null.</param>
/// <param name="Create">Builds the algorithm for a run.</param>
public sealed record AlgorithmDescriptor(string Name, string Description, Type? OptionsType, Func<AlgorithmSetup, ISelfPlayAlgorithm> Create);
