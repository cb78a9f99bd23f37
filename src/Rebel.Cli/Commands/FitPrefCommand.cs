using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Utils;
using Rebel.Games.Exact;
using Rebel.Neural.Preference;
using Rebel.Preference.Fitting;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel fit-pref</c>: a preference model fitted to pairwise data, saved as a game file that <c>--pref-model</c> loads.</summary>
internal static class FitPrefCommand
{
    public static Command Create()
    {
        var defaults = new PreferenceFitOptions();
        var data = new Option<string>("--data") { Description = "pairs.jsonl: one {\"context\", \"a\", \"b\", \"winner\": \"a\"|\"b\"} or {…, \"p\": P(a ≻ b)} per line", Required = true, HelpName = "file" };
        var model = new Option<string>("--model") { Description = "bt (Bradley–Terry, transitive), gpm (general preference model, cycles allowed) or neural-gpm (GPM head on a sequence encoder, for token-sequence responses)", DefaultValueFactory = _ => "bt" };
        model.AcceptOnlyFromAmong("bt", "gpm", "neural-gpm");
        var outFile = new Option<string>("--out") { Description = "the fitted model as a rebel-game/1 file (replaced atomically)", Required = true, HelpName = "file" };
        var ridge = new Option<double>("--ridge") { Description = "ridge λ on utilities (bt) or embeddings (gpm)", DefaultValueFactory = _ => defaults.Ridge };
        var dimension = new Option<int>("--dimension") { Description = "gpm embedding dimension 2k (even)", DefaultValueFactory = _ => defaults.GpmDimension };
        var steps = new Option<int>("--steps") { Description = "gpm full-batch Adam steps", DefaultValueFactory = _ => defaults.GpmSteps };
        var lr = new Option<double>("--lr") { Description = "gpm Adam learning rate", DefaultValueFactory = _ => defaults.GpmLearningRate };
        var seed = new Option<ulong>("--seed") { Description = "seed of the gpm's random initial embeddings" };
        var device = new Option<string>("--device") { Description = "neural-gpm libtorch device: auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var command = new Command("fit-pref", "Fit a preference model to pairwise data and save it as a game file for --pref-model.")
        {
            data, model, outFile, ridge, dimension, steps, lr, seed, device,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(data) is "")
                throw new UsageException("--data: the file path is empty");
            if (parse.GetValue(outFile) is "")
                throw new UsageException("--out: the file path is empty");
            if (parse.GetValue(model) == "neural-gpm")
            {
                var neural = new NeuralGpmOptions();
                return FitNeural(parse.GetValue(data)!, parse.GetValue(outFile)!, neural with
                {
                    Dimension = parse.GetValue(dimension) is var nd && nd >= 2 && nd % 2 == 0 ? nd : throw new UsageException($"--dimension must be an even number ≥ 2, not {nd.ToString(CultureInfo.InvariantCulture)}"),
                    Steps = parse.GetValue(steps) is var ns && ns >= 1 ? ns : throw new UsageException($"--steps must be at least 1, not {ns.ToString(CultureInfo.InvariantCulture)}"),
                    LearningRate = parse.GetResult(lr) is { Implicit: false } ? Positive(parse.GetValue(lr), "--lr") : neural.LearningRate,
                    Seed = parse.GetValue(seed),
                    Device = parse.GetValue(device)!,
                });
            }
            var kind = parse.GetValue(model) == "gpm" ? PreferenceModelKind.Gpm : PreferenceModelKind.Bt;
            var options = new PreferenceFitOptions
            {
                Ridge = Positive(parse.GetValue(ridge), "--ridge"),
                GpmDimension = parse.GetValue(dimension) is var d && d >= 2 && d % 2 == 0 ? d : throw new UsageException($"--dimension must be an even number ≥ 2, not {d.ToString(CultureInfo.InvariantCulture)}"),
                GpmSteps = parse.GetValue(steps) is var s && s >= 1 ? s : throw new UsageException($"--steps must be at least 1, not {s.ToString(CultureInfo.InvariantCulture)}"),
                GpmLearningRate = Positive(parse.GetValue(lr), "--lr"),
                Seed = parse.GetValue(seed),
            };
            var game = PreferenceFitting.Fit(parse.GetValue(data)!, kind, options);
            string path = parse.GetValue(outFile)!;
            try
            {
                PreferenceFitting.Save(game, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out {path}: cannot write: {e.Message}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitted {parse.GetValue(model)} on {game.Contexts.Count} context(s), {game.Contexts.Sum(c => c.Count)} response(s); cyclic share {HodgeDecomposition.CyclicShareOf(game):G4}"));
            Console.WriteLine($"model: {path} (use it with --pref-model {path})");
            return 0;
        });
        return command;
    }

    /// <summary><c>--model neural-gpm</c>: the game over every sequence to <paramref name="path"/>, the weights beside it.</summary>
    private static int FitNeural(string dataPath, string path, NeuralGpmOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(dataPath) + "-neural-gpm";
        var (fitted, game, loss) = NeuralGpmFit.Fit(PairwiseData.Read(dataPath), name, options);
        using var model = fitted;
        string weights;
        try
        {
            PreferenceFitting.Save(game, path);
            weights = NeuralGpmFit.SaveWeights(model, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path}: cannot write: {e.Message}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted neural-gpm on {game.Contexts[0].Count} sequences (final cross-entropy {loss:G4}); cyclic share {HodgeDecomposition.CyclicShareOf(game):G4}"));
        Console.WriteLine($"model: {path} (use it with --pref-model {path}); weights: {weights}");
        return 0;
    }

    private static double Positive(double value, string flag) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{flag} must be a positive finite number, not {value.ToString(CultureInfo.InvariantCulture)}");
}
