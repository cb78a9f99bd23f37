using System.CommandLine;
using System.Globalization;
using Rebel.Cli.Arguments;
using Rebel.Cli.Errors;
using Rebel.Cli.Terminal;
using Rebel.Games;
using Rebel.Games.Exact;
using Rebel.Games.Sequence;
using Rebel.Neural.Preference;
using Rebel.Neural.Text;
using Rebel.Preference;
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
        var ridge = new Option<double>("--ridge") { Description = "ridge λ on utilities (bt; 0 is the plain maximum-likelihood fit, zero-sum) or embeddings (gpm, > 0)", DefaultValueFactory = _ => defaults.Ridge };
        var dimension = new Option<int>("--dimension") { Description = "gpm embedding dimension 2k (even)", DefaultValueFactory = _ => defaults.GpmDimension };
        var steps = new Option<int>("--steps") { Description = "gpm full-batch Adam steps", DefaultValueFactory = _ => defaults.GpmSteps };
        var lr = new Option<double>("--lr") { Description = "gpm Adam learning rate", DefaultValueFactory = _ => defaults.GpmLearningRate };
        var seed = new Option<ulong>("--seed") { Description = "seed of the gpm's random initial embeddings and of the held-out split", CustomParser = SeedArgument.Parse };
        var holdout = new Option<double?>("--holdout") { Description = "hold out this fraction of the comparisons (0 < f < 1) and report the fit's log-likelihood and accuracy on them (bt, gpm)", HelpName = "fraction" };
        var folds = new Option<int?>("--folds") { Description = "k-fold cross-validation (k ≥ 2): held-out log-likelihood and accuracy pooled over the folds (bt, gpm)", HelpName = "k" };
        var device = new Option<string>("--device") { Description = "neural-gpm libtorch device: auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto" };
        var tokenizer = new Option<string>("--tokenizer") { Description = "neural-gpm on text pairs {\"prompt\", \"a\", \"b\", \"winner\"|\"p\"}: gpt2 (built in), a tiktoken file, or vocab.json,merges.txt", HelpName = "spec" };
        var maxLength = new Option<int>("--max-length") { Description = "neural-gpm text: most response tokens, the end token excluded [default: the longest response]", HelpName = "n" };
        var context = new Option<int>("--context") { Description = "neural-gpm text: the model's context in tokens, prompt plus response [default: the longest prompt plus --max-length]", HelpName = "n" };
        var command = new Command("fit-pref", "Fit a preference model to pairwise data and save it as a game file for --pref-model.")
        {
            data, model, outFile, ridge, dimension, steps, lr, seed, holdout, folds, device, tokenizer, maxLength, context,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(data) is "")
                throw new UsageException("--data: the file path is empty");
            if (parse.GetValue(outFile) is "")
                throw new UsageException("--out: the file path is empty");
            if (parse.GetValue(model) == "neural-gpm")
            {
                if (parse.GetValue(holdout) is not null || parse.GetValue(folds) is not null)
                    throw new UsageException("--holdout and --folds apply to --model bt and gpm");
                var neural = new NeuralGpmOptions();
                if (parse.GetValue(tokenizer) is null && (parse.GetResult(maxLength) is { Implicit: false } || parse.GetResult(context) is { Implicit: false }))
                    throw new UsageException("--max-length and --context apply to text pairs (with --tokenizer)");
                neural = neural with
                {
                    MaxLength = parse.GetValue(maxLength),
                    Context = parse.GetValue(context),
                    Dimension = parse.GetValue(dimension),
                    Steps = parse.GetValue(steps),
                    LearningRate = parse.GetResult(lr) is { Implicit: false } ? parse.GetValue(lr) : neural.LearningRate,
                    Seed = parse.GetValue(seed),
                    Device = parse.GetValue(device)!,
                };
                // The record checks its values; the CLI names a refused one by its flag.
                neural.Validate();
                // Reading, tokenizing and enumerating come before the first step: the lines say "starting" until then.
                // libtorch is loaded first: a printer thread's first write can wait seconds behind the loader's lock.
                _ = Rebel.Torch.Torch.GradEnabled;
                using var lines = new TimedProgress("fit-pref neural-gpm", neural.Steps, unit: "steps");
                return FitNeural(parse.GetValue(data)!, parse.GetValue(outFile)!, parse.GetValue(tokenizer), neural with { OnStep = s => lines.Report(0, s) });
            }
            if (parse.GetValue(tokenizer) is not null)
                throw new UsageException("--tokenizer applies to --model neural-gpm");
            var kind = parse.GetValue(model) == "gpm" ? PreferenceModelKind.Gpm : PreferenceModelKind.Bt;
            var options = new PreferenceFitOptions
            {
                Ridge = parse.GetValue(ridge),
                GpmDimension = parse.GetValue(dimension),
                GpmSteps = parse.GetValue(steps),
                GpmLearningRate = parse.GetValue(lr),
                Seed = parse.GetValue(seed),
                Holdout = parse.GetValue(holdout) ?? 0,
                Folds = parse.GetValue(folds) ?? 0,
            };
            options.Validate(kind);
            TabularGame game;
            FitReport report;
            try
            {
                using var elapsed = new TimedProgress($"fit-pref {parse.GetValue(model)}", 0);
                (game, report) = FitDiagnostics.Diagnose(parse.GetValue(data)!, kind, options);
            }
            catch (ArgumentException e) when (e is not OptionException)
            {
                throw new UsageException($"{parse.GetValue(data)}: {e.Message}");
            }
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
                $"fitted {parse.GetValue(model)} on {game.Contexts.Count} context(s), {game.Contexts.Sum(c => c.Count)} response(s), {report.Comparisons} comparison(s); cyclic share {report.CyclicShare:G4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fit: log-likelihood {report.LogLikelihood:G4} per comparison, accuracy {report.Accuracy:G4}"));
            Console.WriteLine(report.CyclicComparisons == 0
                ? "cyclic comparisons: none (the data's majority graph has no cycle)"
                : string.Create(CultureInfo.InvariantCulture, $"cyclic comparisons: {report.CyclicComparisons} on cycles of the data's majority graph, accuracy {report.CyclicAccuracy:G4}"));
            if (report.Validation is { } validation)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"held out ({validation}): log-likelihood {report.HeldOutLogLikelihood:G4} per comparison, accuracy {report.HeldOutAccuracy:G4}"));
            Console.WriteLine($"model: {path} (use it with --pref-model {path})");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// <c>--model neural-gpm</c>: the game over every sequence to <paramref name="path"/>, the weights beside it; with
    /// a tokenizer, text pairs, one context per prompt, and the compact vocabulary beside it too.
    /// </summary>
    private static int FitNeural(string dataPath, string path, string? tokenizerSpec, NeuralGpmOptions options)
    {
        if (tokenizerSpec is not null) return FitText(dataPath, path, tokenizerSpec, options);
        var name = Path.GetFileNameWithoutExtension(dataPath) + "-neural-gpm";
        var (fitted, game, loss) = NeuralGpmFit.Fit(PairwiseData.Read(dataPath), name, options);
        using var model = fitted;
        var weights = Write(path, () => { PreferenceFitting.Save(game, path); return NeuralGpmFit.SaveWeights(model, path); });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted neural-gpm on {game.Contexts[0].Count} sequences (final cross-entropy {loss:G4}); cyclic share {HodgeDecomposition.CyclicShareOf(game):G4}"));
        Console.WriteLine($"model: {path} (use it with --pref-model {path}); weights: {weights}");
        return 0;
    }

    // Everything is read, tokenized and checked before the first file is written.
    private static int FitText(string dataPath, string path, string tokenizerSpec, NeuralGpmOptions options)
    {
        var tokenizer = TextTokenizer.Load(tokenizerSpec);
        var data = TextPairs.Read(dataPath);
        if (!TextGpmFit.Enumerates(data, tokenizer, options))
            return FitAnyText(data, dataPath, path, tokenizer, options);
        var name = Path.GetFileNameWithoutExtension(dataPath) + "-neural-gpm";
        var (fitted, game, vocabulary, loss) = TextGpmFit.Fit(data, tokenizer, name, options);
        using var model = fitted;
        var weights = Write(path, () =>
        {
            PreferenceFitting.Save(game.Game, path);
            vocabulary.Save(path + ".vocab.json", tokenizer);
            return NeuralGpmFit.SaveWeights(model, path);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted neural-gpm on {data.Count} text comparisons: {game.Game.Contexts.Count} prompt(s), responses of {game.Space.Length} tokens over {game.Space.Vocab} ids (end token included) = {game.Space.Count} sequences per prompt (final cross-entropy {loss:G4}); cyclic share {HodgeDecomposition.CyclicShareOf(game.Game):G4}"));
        Console.WriteLine($"model: {path} (use it with --pref-model {path} --policy neural --tokenizer {tokenizerSpec}); weights: {weights}; vocabulary: {path}.vocab.json");
        return 0;
    }

    // Responses too many to enumerate: the model of any text, described by a rebel-text-gpm/1 file (no game).
    private static int FitAnyText(IReadOnlyList<TextComparison> data, string dataPath, string path, TextTokenizer tokenizer, NeuralGpmOptions options)
    {
        var (fitted, vocabulary, length, loss) = TextGpmFit.FitAnyText(data, tokenizer, options);
        using var model = fitted;
        var prompts = data.Select(d => d.Prompt).Distinct().ToArray();
        var weights = Write(path, () =>
        {
            var weightsPath = NeuralGpmFit.SaveWeights(model, path);
            vocabulary.Save(path + ".vocab.json", tokenizer);
            // Written last: the file that names the others exists only once they do.
            TextModelFile.Write(path, new TextModelSpec(tokenizer.Spec, length, weightsPath, path + ".vocab.json", prompts,
                prompts.Select(p => (double)data.Count(d => d.Prompt == p)).ToArray(),
                prompts.Select(p => (IReadOnlyList<string>)data.Where(d => d.Prompt == p).SelectMany(d => new[] { d.A, d.B }).Distinct(StringComparer.Ordinal).ToArray()).ToArray()));
            return weightsPath;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fitted neural-gpm on {data.Count} text comparisons: {prompts.Length} prompt(s), responses scored on their first {length} tokens, {vocabulary.ResponseVocab - 1} token ids known and any other read as one unknown id (final cross-entropy {loss:G4}); too many responses to enumerate a game, the model scores any text"));
        Console.WriteLine($"model: {path} (use it with --pref-model {path} --policy neural --model GPT2_DIR); weights: {weights}; vocabulary: {path}.vocab.json");
        return 0;
    }

    private static string Write(string path, Func<string> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {path}: cannot write: {e.Message}");
        }
    }
}
