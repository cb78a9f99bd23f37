namespace Rebel.Games.Zoo;

/// <summary>A parameter of a zoo game family, with its default and a one-line description.</summary>
/// <param name="Name">Key in the spec (<c>name:key=value</c>).</param>
/// <param name="Default">Default value as written in a spec.</param>
/// <param name="Description">One line for <c>rebel games</c>.</param>
public sealed record GameParameter(string Name, string Default, string Description);
