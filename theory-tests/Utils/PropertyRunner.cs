using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Rebel.TheoryTests.Utils;

/// <summary>
/// Runs an FsCheck property from a plain xunit fact. By default every run replays the same fixed seed, so CI
/// checks the same instances each time. A failure prints "Falsifiable, after k tests (seed,gamma)" and
/// "Replay directly at failing step with (seed,gamma,size)"; set <c>THEORY_REPLAY=seed,gamma,size</c> (or
/// <c>seed,gamma</c> to rerun the whole sequence) and rerun the one test to reproduce it; set
/// <c>THEORY_REPLAY=random</c> to explore fresh instances.
/// </summary>
internal static class PropertyRunner
{
    private const ulong FixedSeed = 20240521;
    private const ulong FixedGamma = 0x9E3779B97F4A7C15;

    /// <summary>Checks <paramref name="property"/> on <paramref name="maxTest"/> generated instances; throws with the replay seed on failure.</summary>
    public static void Check(Property property, int maxTest)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true);
        string? replay = Environment.GetEnvironmentVariable("THEORY_REPLAY");
        config = replay switch
        {
            "random" => config,
            null or "" => config.WithReplay(FixedSeed, FixedGamma),
            _ => config.WithReplay(FSharpOption<Replay>.Some(Parse(replay))),
        };
        FsCheck.Check.One(config, property);
    }

    private static Replay Parse(string text)
    {
        var parts = text.Trim('(', ')', ' ').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3)
            throw new ArgumentException($"THEORY_REPLAY='{text}': expected 'seed,gamma' or 'seed,gamma,size' as FsCheck prints them, or 'random'");
        var rnd = new Rnd(ulong.Parse(parts[0], CultureInfo.InvariantCulture), ulong.Parse(parts[1], CultureInfo.InvariantCulture));
        var size = parts.Length == 3 ? FSharpOption<int>.Some(int.Parse(parts[2], CultureInfo.InvariantCulture)) : FSharpOption<int>.None;
        return new Replay(rnd, size);
    }
}
