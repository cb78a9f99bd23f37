using System.Reflection;
using Rebel.Preference.Algorithms;
using Rebel.Preference.Options;
using System.Text;
using System.Text.Json;
using Rebel.Games;

namespace Rebel.Preference.Tests;

public class AlgorithmCatalogTests
{
    [Fact]
    public void ListsEveryAlgorithmOfTheLibraryInItsListingOrder()
    {
        // Every options record of the library declares its algorithm, listed by its declared Order (each its own, so
        // that no listing depends on a tie), the exact reference first. Algorithms registered by other tests come after
        // these. No list of names here: adding an algorithm is its class, its options record and its test (issue 20).
        var declared = typeof(AlgorithmCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IAlgorithmOptions).IsAssignableFrom(t))
            .Select(t => (AlgorithmDescriptor)t.GetProperty(nameof(IAlgorithmOptions.Algorithm), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .OrderBy(a => a.Order).ToArray();
        Assert.True(declared.Length > 1);
        Assert.Equal(declared.Length, declared.Select(a => a.Order).Distinct().Count());
        Assert.Equal(declared.Select(a => a.Name), AlgorithmCatalog.All.Select(a => a.Name).Take(declared.Length));
        Assert.Same(AlgorithmCatalog.ExactReference, AlgorithmCatalog.All[0]);
    }

    [Fact]
    public void EveryDeclaredSharedOptionIsAPropertyOfTheSharedOptions()
    {
        var properties = OptionFields.Of(typeof(SelfPlayOptions)).Select(f => f.Property.Name).ToArray();
        Assert.All(AlgorithmCatalog.All, a => Assert.Empty(a.SharedOptions.Except(properties)));
        // A flag's name where the property is meant would refuse the option the algorithm means: refused at registration.
        var e = Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Register(CatalogTestOptions.Algorithm with { Name = "flag-named", SharedOptions = ["query-budget"] }));
        Assert.Contains("'query-budget'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AlgorithmCatalog.All, a => a.Name == "flag-named");
    }

    [Fact]
    public void ASharedOptionTheDescriptorDoesNotDeclareIsRefusedNamingTheOnesItDoes()
    {
        var e = Assert.Throws<OptionException>(() => Play.Create(AlgorithmCatalog.ExactReference.Name, GameSource.Load("rps"), shared: new SelfPlayOptions { Samples = SampleCount.Of(3) }));
        Assert.Equal((typeof(SelfPlayOptions), nameof(SelfPlayOptions.Samples)), (e.Option.OptionsType, e.Option.Property));
        Assert.Equal(AlgorithmCatalog.ExactReference.SharedOptions.Select(o => OptionReference.Of<SelfPlayOptions>(o)), e.References.Take(AlgorithmCatalog.ExactReference.SharedOptions.Count));
        Assert.DoesNotContain(AlgorithmCatalog.ExactReference.Name + " with", e.Message, StringComparison.Ordinal);
        // Another policy class is named, since it may have a variant of its own with other shared options.
        var variant = CatalogTestOptions.Algorithm with { Policies = [PolicyKind.LogLinear] };
        var setup = new AlgorithmSetup(GameSource.Load("bt-mixture:n=4"), 10, 0, new SelfPlayOptions { Policy = PolicyKind.LogLinear, Samples = SampleCount.Of(3) }, null);
        var other = Assert.Throws<OptionException>(() => variant.Instantiate(setup));
        Assert.Equal("SelfPlayOptions.Samples = 3: catalog-test with SelfPlayOptions.Policy = loglinear does not use it (it uses no shared option)", other.Message);
        // Run-level options apply to every algorithm, declared or not.
        Assert.DoesNotContain(SelfPlayOptions.RunLevel, AlgorithmCatalog.ExactReference.SharedOptions.Contains);
        Play.Create(AlgorithmCatalog.ExactReference.Name, GameSource.Load("rps"), shared: new SelfPlayOptions { Tau = 0.1 }).Step();
    }

    [Fact]
    public void AnotherAssemblysAlgorithmIsRegisteredOnceAndRunsByName()
    {
        AlgorithmCatalog.Register(typeof(CatalogTestOptions).Assembly);
        AlgorithmCatalog.Register(typeof(CatalogTestOptions).Assembly);
        Assert.Single(AlgorithmCatalog.All, a => a.Name == "catalog-test");
        Assert.Same(CatalogTestOptions.Algorithm, AlgorithmCatalog.Find("catalog-test"));
        var run = Play.Create("catalog-test", GameSource.Load("rps"), options: new CatalogTestOptions { Eta = 0.5 });
        Assert.Equal(0.5, ((MirrorDescentAlgorithm)run).Eta);
        run.Step();
        // Its record validates itself before the algorithm is built, naming the property.
        var e = Assert.Throws<OptionException>(() => Play.Create("catalog-test", GameSource.Load("rps"), options: new CatalogTestOptions { Eta = 0 }));
        Assert.Equal((typeof(CatalogTestOptions), nameof(CatalogTestOptions.Eta)), (e.Option.OptionsType, e.Option.Property));
        // A name is one algorithm: another descriptor under a taken name is refused; the same one again is a no-op.
        AlgorithmCatalog.Register(CatalogTestOptions.Algorithm);
        var clash = CatalogTestOptions.Algorithm with { Description = "another" };
        Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Register(clash));
        Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Register(AlgorithmCatalog.Find("rebel") with { Order = 1 }));
    }

    [Fact]
    public void AnUnknownNameIsAOneLineErrorListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Find("rebell"));
        Assert.Contains("'rebell'", e.Message, StringComparison.Ordinal);
        Assert.Contains("bt-rlhf", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TabularOnlyAlgorithmsRefuseOtherPolicyClasses()
    {
        var e = Assert.Throws<OptionException>(() => Play.Create("omwu", GameSource.Load("bt-mixture"), shared: new SelfPlayOptions { Policy = PolicyKind.LogLinear }));
        Assert.Equal("SelfPlayOptions.Policy = loglinear: omwu does not learn this policy class (it learns tabular)", e.Message);
        Assert.Equal(nameof(SelfPlayOptions.Policy), e.Option.Property);
    }

    public static TheoryData<string, string, SelfPlayOptions, bool> Configurations()
    {
        var data = new TheoryData<string, string, SelfPlayOptions, bool>();
        var bernoulli = new SelfPlayOptions { Feedback = FeedbackKind.Bernoulli };
        foreach (var a in AlgorithmCatalog.All)
            // The exact reference and the exact (default) forms of the regularised algorithms refuse sampling options.
            data.Add(a.Name, "bt-mixture:n=4", a.LearnsFromExactWinRates ? new SelfPlayOptions() : bernoulli, false);
        data.Add("rebel", "bt-mixture:n=4", bernoulli with { Fit = FitMethod.AdamW, Batch = 2, Epochs = 2 }, false);
        data.Add("rebel", "bt-mixture:n=4", bernoulli with { Policy = PolicyKind.LogLinear }, false);
        data.Add("rebel", "bt-mixture:n=4", bernoulli with { Explore = 0.2, Baseline = 0.5, QueryBudget = 3 }, false);
        data.Add("rebel", "bt-mixture:n=4", bernoulli with { Policy = PolicyKind.LogLinear, Pairs = PairSelection.Random }, true);
        data.Add("rebel", "bt-mixture:n=4", bernoulli with { Policy = PolicyKind.LogLinear, Fit = FitMethod.AdamW, Batch = 3 }, true);
        data.Add("sppo", "bt-mixture:n=4", bernoulli with { Samples = SampleCount.Of(5), QueryBudget = 4 }, false);
        data.Add("rebel", "contextual:family=random,contexts=3,n=5", bernoulli with { Samples = SampleCount.Of(3), QueryBudget = 2, Pairs = PairSelection.BestWorst }, true);
        foreach (string a in new[] { "nash-md", "extragradient", "fictitious-play" })
            data.Add(a, "contextual:family=random,contexts=3,n=5", bernoulli with { Samples = SampleCount.Of(3), QueryBudget = 4, Explore = 0.3 }, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void SaveAndLoadContinueBitForBit(string algorithm, string spec, SelfPlayOptions shared, bool leaveOneOut)
    {
        var game = GameSource.Load(spec);
        object? options = leaveOneOut ? new RebelOptions { Estimator = RebelEstimator.LeaveOneOut } : null;
        var original = Play.Create(algorithm, game, 20, seed: 11, shared: shared, options: options);
        Play.Run(original, 7);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            original.SaveState(writer);
        var resumed = Play.Create(algorithm, game, 20, seed: 999, shared: shared, options: options);
        using (var doc = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())))
            resumed.LoadState(doc.RootElement);
        for (int t = 0; t < 6; t++)
        {
            var a = original.Step();
            var b = resumed.Step();
            Assert.Equal(Flatten(a), Flatten(b));
        }
        for (int c = 0; c < game.Contexts.Count; c++)
            Assert.Equal(original.Current[c].ToArray(), resumed.Current[c].ToArray());
        Assert.Equal(original.Average[0].ToArray(), resumed.Average[0].ToArray());
    }

    [Fact]
    public void LoadingAnotherAlgorithmsStateFails()
    {
        var game = GameSource.Load("rps");
        var omwu = Play.Create("omwu", game);
        omwu.Step();
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            omwu.SaveState(writer);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var e = Assert.Throws<FormatException>(() => Play.Create("rebel", game).LoadState(doc.RootElement));
        Assert.Contains("'omwu'", e.Message, StringComparison.Ordinal);
    }

    private static long[] Flatten(IterationMetrics m) =>
        new[] { m.Iteration, m.DualityGapLast, m.DualityGapAverage, m.AverageRegret, m.KlStep, m.Entropy }
            .Concat(m.Extra.Select(e => e.Value))
            .Select(BitConverter.DoubleToInt64Bits)
            .ToArray();
}

/// <summary>An algorithm registered from the test assembly: exact mirror descent under another name.</summary>
public sealed record CatalogTestOptions : IAlgorithmOptions
{
    public static AlgorithmDescriptor Algorithm { get; } = AlgorithmDescriptor.Of<CatalogTestOptions>("catalog-test", "mirror descent, registered by a test",
        (s, o) => new MirrorDescentAlgorithm(s.Game, o.Eta));

    [Option("eta", "step size")]
    public double Eta { get; init; } = 0.1;

    public void Validate()
    {
        if (!(Eta > 0))
            throw OptionException.Of<CatalogTestOptions>(nameof(Eta), Eta, "must be positive");
    }
}
