namespace Rebel.Preference.Runs;

/// <summary>One swept option of a <see cref="SweepSpec"/>: its flag name and the values it takes, as a user types them.</summary>
/// <param name="Name">The option's flag name without dashes (e.g. <c>eta</c>), of <see cref="SelfPlayOptions"/> or an algorithm's options record.</param>
/// <param name="Values">The values, in order; one value fixes the option for every run.</param>
public sealed record SweepParameter(string Name, IReadOnlyList<string> Values);
