using Rebel.Preference.Algorithms;
using Rebel.Games;
using Rebel.Games.Randomness;
using Rebel.Preference.Oracles;
using Rebel.Preference.SelfPlay;

namespace Rebel.Preference.Tests.SelfPlay;

public sealed class OfflineDistributionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-offline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(params string[] lines)
    {
        string path = Path.Combine(_dir, "offline.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void OfflineSamplesComeFromTheDataAndAreRatedAgainstTheOnPolicySamplesOnly()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        string path = Write("""{"context": "x0", "a": "paper", "b": "scissors", "p": 0.5}""");
        var oracle = new TabularOracle(game);
        var sampler = new SelfPlaySampler(oracle, new SelfPlayOptions { Samples = SampleCount.Of(3) }, OfflineDistribution.Load(path, game));
        var batch = sampler.CreateBatch();
        var random = new SeededRandom(6);
        var p = game.Contexts[0].Preference;
        for (int trial = 0; trial < 10; trial++)
        {
            sampler.Sample(0, [1.0, 0, 0], random, batch);
            Assert.Equal(6, batch.Count);
            for (int i = 0; i < 3; i++)
                Assert.Equal(0, batch.Response(i));
            for (int i = 3; i < 6; i++)
            {
                Assert.True(batch.Response(i) is 1 or 2);
                // Against three on-policy rocks: paper wins 2/3, scissors 0.
                Assert.Equal(p[batch.Response(i), 0], batch.WinRate(i), 1e-15);
            }
        }
        // Per context: 3 on-policy pairs plus 3 × 3 offline-vs-on-policy pairs.
        Assert.Equal(10 * (3 + 9), oracle.Queries);
    }

    [Fact]
    public void UnknownNamesAreOneLineErrorsNamingFileAndLine()
    {
        var game = GameSource.Load("weighted-rps:margins=1/3/3,strength=1");
        string path = Write("""{"context": "x0", "a": "paper", "b": "rock", "winner": "a"}""", """{"context": "x0", "a": "lizard", "b": "rock", "winner": "a"}""");
        var e = Assert.Throws<GameValidationException>(() => OfflineDistribution.Load(path, game));
        Assert.Equal($"{path}:2: context 'x0' has no response 'lizard'", e.Message);
    }

    [Fact]
    public void AHybridRebelRunUsesTheOfflineResponses()
    {
        string path = Write("""{"context": "x0", "a": "paper", "b": "scissors", "winner": "a"}""");
        var hybrid = Play.Run("rebel", "weighted-rps:margins=1/3/3,strength=1", 3, shared: new SelfPlayOptions { Samples = SampleCount.Of(2), Offline = path }, options: new RebelOptions { Estimator = RebelEstimator.LeaveOneOut });
        Assert.Equal(4, hybrid.Extra.Single(e => e.Key == "samples").Value);
        Assert.Equal(3 * (1 + 4), hybrid.Extra.Single(e => e.Key == "oracle_queries").Value);
    }
}
