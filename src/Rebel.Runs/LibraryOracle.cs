using Rebel.Preference.Oracles;

namespace Rebel.Runs;

/// <summary>An oracle of library code with the identity it declares, as a run is resumed with it.</summary>
internal sealed record LibraryOracle(IPreferenceOracle Oracle, OracleIdentity Identity);
