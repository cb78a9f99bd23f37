namespace Rebel.TheoryTests.Generators;

/// <summary>Kinds of random skew-consistent preference matrices; the degenerate ones are where solvers and bounds break first.</summary>
internal enum PreferenceShape
{
    /// <summary>Independent entries in [0,1], with extra mass on 0, 1/2 and 1.</summary>
    General,

    /// <summary>A tournament: every off-diagonal entry is 0 or 1.</summary>
    Binary,

    /// <summary>Entries on the coarse grid {0, 1/4, 1/2, 3/4, 1}: many ties.</summary>
    Ties,

    /// <summary>A general matrix in which one response's row is entrywise below another's (a dominated response).</summary>
    Dominated,

    /// <summary>A general matrix in which one response is an exact copy of another.</summary>
    Duplicated,

    /// <summary><c>P(y ≻ y') = σ(u_y − u_y')</c> from random utilities: transitive, no zero or one entries.</summary>
    BradleyTerry,
}
