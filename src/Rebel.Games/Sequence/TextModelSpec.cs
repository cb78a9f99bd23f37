namespace Rebel.Games.Sequence;

/// <summary>What a <c>rebel-text-gpm/1</c> file says (<see cref="TextModelFile"/>).</summary>
/// <param name="Tokenizer">The tokenizer spec the model's texts are tokenized with.</param>
/// <param name="Length">Response tokens the model reads; a longer response is scored on its first ones.</param>
/// <param name="WeightsFile">The model's weights (safetensors), an absolute path once read.</param>
/// <param name="VocabularyFile">The model's compact vocabulary (<c>rebel-text-vocab/1</c>), an absolute path once read.</param>
/// <param name="Prompts">The prompts of the data, each a context.</param>
/// <param name="PromptWeights">Each prompt's weight (its number of comparisons).</param>
/// <param name="Responses">
/// Each prompt's distinct responses in the data, in the order first met (the candidates a pool starts from); null in
/// files written before they were recorded.
/// </param>
public sealed record TextModelSpec(string Tokenizer, int Length, string WeightsFile, string VocabularyFile, IReadOnlyList<string> Prompts, IReadOnlyList<double> PromptWeights,
    IReadOnlyList<IReadOnlyList<string>>? Responses = null);
