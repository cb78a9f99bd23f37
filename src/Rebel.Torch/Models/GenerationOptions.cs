namespace Rebel.Torch.Models;

/// <summary>How <see cref="TransformerPolicy.Generate"/> draws each new token.</summary>
/// <param name="MaxTokens">Most tokens generated per row (≥ 1). Default 32.</param>
/// <param name="Temperature">Logits are divided by it before sampling; 0 is greedy (the most likely token). Default 1.</param>
/// <param name="TopK">Sample among the K most likely tokens only; 0 keeps all. Default 0.</param>
/// <param name="TopP">Nucleus sampling: the fewest most likely tokens whose probability reaches P (after top-k); 1 keeps all. Default 1.</param>
/// <param name="EndToken">The end-of-text id: a row that draws it has ended; null generates exactly MaxTokens. Default null.</param>
/// <param name="ResponseVocab">Tokens are drawn among the first R ids only (0: the whole vocabulary). Default 0.</param>
public sealed record GenerationOptions(int MaxTokens = 32, double Temperature = 1.0, int TopK = 0, double TopP = 1.0, int? EndToken = null, int ResponseVocab = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> (one line naming the property) when an option is out of range for a model of <paramref name="vocab"/> ids.</summary>
    public void Validate(int vocab)
    {
        if (MaxTokens < 1) throw Bad(nameof(MaxTokens), $"{MaxTokens} must be ≥ 1");
        if (!(Temperature >= 0 && double.IsFinite(Temperature))) throw Bad(nameof(Temperature), $"{Temperature} must be a number ≥ 0");
        if (TopK < 0) throw Bad(nameof(TopK), $"{TopK} must be ≥ 0");
        if (!(TopP > 0 && TopP <= 1)) throw Bad(nameof(TopP), $"{TopP} must be in (0, 1]");
        if (ResponseVocab < 0 || ResponseVocab > vocab) throw Bad(nameof(ResponseVocab), $"{ResponseVocab} is not in [0, {vocab}]");
        var drawn = ResponseVocab == 0 ? vocab : ResponseVocab;
        if (EndToken is { } end && (end < 0 || end >= drawn)) throw Bad(nameof(EndToken), $"{end} is not one of the {drawn} ids drawn");
    }

    // The message starts with the property; ParamName carries it alone, for callers that name it otherwise (a CLI flag).
    private static ArgumentException Bad(string property, string problem) => new ArgumentException($"{property} {problem}", property);

    /// <summary>The problem of an <see cref="ArgumentException"/> from <see cref="Validate"/> without the property's name in front.</summary>
    public static string Problem(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message.Split(" (Parameter")[0];
        return e.ParamName is { } p && message.StartsWith(p + " ", StringComparison.Ordinal) ? message[(p.Length + 1)..] : message;
    }
}
