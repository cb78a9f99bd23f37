namespace Rebel.Bench;

/// <summary>One line of the results table: a figure, Rebel's value, the peer's value on the same instance, and a note.</summary>
/// <param name="Figure">What is measured, with its unit.</param>
/// <param name="Rebel">Rebel's value (NaN when not applicable).</param>
/// <param name="Peer">The peer's value, NaN when no peer ran.</param>
/// <param name="Note">Certificates, efficiencies, instance details.</param>
/// <param name="LowerIsBetter">Whether the ratio Rebel/peer should be small (times) rather than large (rates).</param>
public sealed record FigureRow(string Figure, double Rebel, double Peer, string Note, bool LowerIsBetter = true)
{
    /// <summary>Rebel / peer, NaN without a peer.</summary>
    public double Ratio => Rebel / Peer;
}
