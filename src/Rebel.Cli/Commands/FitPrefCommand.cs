using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Utils;
using Rebel.Games.Exact;
using Rebel.Preference.Fitting;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel fit-pref</c>: a preference model fitted to pairwise data, saved as a game file that <c>--pref-model</c> loads.</summary>
internal static class FitPrefCommand
{
    public static Command Create()
    {
        var defaults = new PreferenceFitOptions();
        var data = new Option<string>("--data") { Description = "pairs.jsonl: one {\"context\", \"a\", \"b\", \"winner\": \"a\"|\"b\"} or {…, \"p\": P(a ≻ b)} per line", Required = true, HelpName = "file" };
        var model = new Option<string>("--model") { Description = "bt (Bradley–Terry, transitive) or gpm (general preference model, cycles allowed)", DefaultValueFactory = _ => "bt" };
        model.AcceptOnlyFromAmong("bt", "gpm");
        var outFile = new Option<string>("--out") { Description = "the fitted model as a rebel-game/1 file (replaced atomically)", Required = true, HelpName = "file" };
        var ridge = new Option<double>("--ridge") { Description = "ridge λ on utilities (bt) or embeddings (gpm)", DefaultValueFactory = _ => defaults.Ridge };
        var dimension = new Option<int>("--dimension") { Description = "gpm embedding dimension 2k (even)", DefaultValueFactory = _ => defaults.GpmDimension };
        var steps = new Option<int>("--steps") { Description = "gpm full-batch Adam steps", DefaultValueFactory = _ => defaults.GpmSteps };
        var lr = new Option<double>("--lr") { Description = "gpm Adam learning rate", DefaultValueFactory = _ => defaults.GpmLearningRate };
        var seed = new Option<ulong>("--seed") { Description = "seed of the gpm's random initial embeddings" };
        var command = new Command("fit-pref", "Fit a preference model to pairwise data and save it as a game file for --pref-model.")
        {
            data, model, outFile, ridge, dimension, steps, lr, seed,
        };
        command.SetAction(parse =>
        {
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

    private static double Positive(double value, string flag) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{flag} must be a positive finite number, not {value.ToString(CultureInfo.InvariantCulture)}");
}
