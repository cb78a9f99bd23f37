using System.Globalization;
using System.Text;
using Rebel.Games;

namespace Rebel.TheoryTests.Generators;

/// <summary>A generated game with a compact description, which is what FsCheck prints for a counter-example.</summary>
/// <param name="Game">The game.</param>
/// <param name="Shapes">The shape each context was drawn from, in context order.</param>
internal sealed record GameCase(TabularGame Game, IReadOnlyList<PreferenceShape> Shapes)
{
    /// <summary>Shapes, sizes and weights; the full matrix of small contexts (the replay seed reproduces the rest).</summary>
    public override string ToString()
    {
        var s = new StringBuilder();
        for (int c = 0; c < Game.Contexts.Count; c++)
        {
            var x = Game.Contexts[c];
            s.Append(CultureInfo.InvariantCulture, $"[{x.Name} {Shapes[c]} n={x.Count} w={x.Weight:G4}");
            if (x.Count <= 5)
                s.Append(' ').Append(x.Preference.ToMatrixString(5, 5, "G4", CultureInfo.InvariantCulture).ReplaceLineEndings(";"));
            s.Append("] ");
        }
        return s.ToString();
    }
}
