using Rebel.Preference.Fitting;

namespace Rebel.Preference.Tests.Fitting;

public sealed class FitDiagnosticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A ≻ B ≻ C ≻ D ≻ A, each pair observed <paramref name="repeats"/> times with that winner.</summary>
    private string FourCycle(int repeats = 5)
    {
        string path = Path.Combine(_dir, "cycle.jsonl");
        var edges = new[] { ("A", "B"), ("B", "C"), ("C", "D"), ("D", "A") };
        File.WriteAllLines(path, Enumerable.Range(0, repeats).SelectMany(_ => edges)
            .Select(e => $$"""{"context": "q", "a": "{{e.Item1}}", "b": "{{e.Item2}}", "winner": "a"}"""));
        return path;
    }

    [Fact]
    public void OnAFourCycleBradleyTerryIsAtChanceAndAGpmIsExact()
    {
        // Every pair of the 4-cycle lies on a cycle of the majority graph. BT's utilities cannot order a cycle: its
        // maximum-likelihood fit is all ties (accuracy 1/2, a tie earning half), and no BT can exceed 3 of 4. A GPM
        // (embedding dimension 4) reproduces the cycle.
        var (_, bt) = FitDiagnostics.Diagnose(FourCycle(), PreferenceModelKind.Bt, new PreferenceFitOptions { Ridge = 0 });
        Assert.Equal(20, bt.CyclicComparisons);
        Assert.Equal(0.5, bt.CyclicAccuracy, 1e-12);
        Assert.Equal(Math.Log(0.5), bt.LogLikelihood, 1e-9);
        var (_, gpm) = FitDiagnostics.Diagnose(FourCycle(), PreferenceModelKind.Gpm);
        Assert.Equal(1.0, gpm.CyclicAccuracy);
        Assert.True(gpm.LogLikelihood > -0.1, $"{gpm.LogLikelihood}");
        Assert.True(gpm.CyclicShare > 0.9, $"{gpm.CyclicShare}");
    }

    [Fact]
    public void TransitiveDataHasNoCyclicComparisons()
    {
        string path = Path.Combine(_dir, "chain.jsonl");
        File.WriteAllLines(path, [
            """{"context": "q", "a": "A", "b": "B", "p": 0.8}""",
            """{"context": "q", "a": "B", "b": "C", "p": 0.7}""",
            """{"context": "q", "a": "A", "b": "C", "p": 0.9}"""]);
        var (_, report) = FitDiagnostics.Diagnose(path, PreferenceModelKind.Bt);
        Assert.Equal(0, report.CyclicComparisons);
        Assert.True(double.IsNaN(report.CyclicAccuracy));
        Assert.Equal(1.0, report.Accuracy);
        Assert.Null(report.Validation);
        Assert.True(double.IsNaN(report.HeldOutLogLikelihood));
    }

    [Fact]
    public void HeldOutScoresComeFromModelsFittedWithoutThem()
    {
        // Two folds of one comparison each, which disagree: the model fitted to "A wins" (a ridged BT, since one
        // outcome alone has no finite maximum-likelihood fit) predicts the held-out "B wins" wrong, and vice versa:
        // held-out accuracy 0 and log-likelihood below chance, while in sample the fit is a tie (accuracy 1/2).
        string path = Path.Combine(_dir, "split.jsonl");
        File.WriteAllLines(path, [
            """{"context": "q", "a": "A", "b": "B", "winner": "a"}""",
            """{"context": "q", "a": "A", "b": "B", "winner": "b"}"""]);
        var (_, report) = FitDiagnostics.Diagnose(path, PreferenceModelKind.Bt, new PreferenceFitOptions { Ridge = 0.1, Folds = 2 });
        Assert.Equal("2-fold", report.Validation);
        Assert.Equal(0.0, report.HeldOutAccuracy);
        Assert.Equal(0.5, report.Accuracy, 1e-12);
        Assert.True(report.HeldOutLogLikelihood < Math.Log(0.5));
    }

    [Fact]
    public void AHoldoutIsSeededAndScoresItsShare()
    {
        var options = new PreferenceFitOptions { Holdout = 0.25, Seed = 4 };
        var (_, a) = FitDiagnostics.Diagnose(FourCycle(), PreferenceModelKind.Gpm, options);
        var (_, b) = FitDiagnostics.Diagnose(FourCycle(), PreferenceModelKind.Gpm, options);
        Assert.Equal("holdout 0.25", a.Validation);
        Assert.Equal(a.HeldOutLogLikelihood, b.HeldOutLogLikelihood);
        // Every edge appears five times, so each held-out comparison has copies in training: the GPM gets them right.
        Assert.Equal(1.0, a.HeldOutAccuracy);
    }

    [Theory]
    [InlineData(0.2, 3, nameof(PreferenceFitOptions.Holdout))]
    [InlineData(1.0, 0, nameof(PreferenceFitOptions.Holdout))]
    [InlineData(0, 1, nameof(PreferenceFitOptions.Folds))]
    [InlineData(0, 21, nameof(PreferenceFitOptions.Folds))]
    public void BadValidationSettingsAreRefusedNamingTheProperty(double holdout, int folds, string property)
    {
        var e = Assert.Throws<OptionException>(() => FitDiagnostics.Diagnose(FourCycle(), PreferenceModelKind.Bt, new PreferenceFitOptions { Holdout = holdout, Folds = folds }));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal((typeof(PreferenceFitOptions), property), (e.Option.OptionsType, e.Option.Property));
    }

    [Theory]
    [InlineData(PreferenceModelKind.Bt, -1.0, 4, nameof(PreferenceFitOptions.Ridge))]
    [InlineData(PreferenceModelKind.Gpm, 0.0, 4, nameof(PreferenceFitOptions.Ridge))]
    [InlineData(PreferenceModelKind.Gpm, 1e-3, 3, nameof(PreferenceFitOptions.GpmDimension))]
    public void BadFitSettingsAreRefusedBeforeTheDataIsRead(PreferenceModelKind model, double ridge, int dimension, string property)
    {
        var options = new PreferenceFitOptions { Ridge = ridge, GpmDimension = dimension };
        var e = Assert.Throws<OptionException>(() => PreferenceFitting.Fit("no-such-file.jsonl", model, options));
        Assert.Equal(property, e.Option.Property);
    }
}
