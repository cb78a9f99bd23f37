namespace Rebel.Preference.Fitting;

/// <summary>
/// How well a fitted preference model explains its data (<c>rebel fit-pref</c>'s diagnostics). Log-likelihoods are
/// means per comparison of <c>p ln P + (1 − p) ln(1 − P)</c> for the label p and the model's P; accuracy is the share of
/// comparisons with a winner (p ≠ 1/2) whose winner the model prefers, a model's tie counting one half.
/// </summary>
/// <param name="Comparisons">Comparisons in the data.</param>
/// <param name="LogLikelihood">Mean log-likelihood of the model fitted to all the data, on all of it.</param>
/// <param name="Accuracy">Its accuracy on all the data.</param>
/// <param name="CyclicComparisons">Comparisons of pairs that lie on a cycle of the data's majority graph (a beats b when its mean label is above 1/2), e.g. every pair of A ≻ B ≻ C ≻ D ≻ A.</param>
/// <param name="CyclicAccuracy">The model's accuracy on those comparisons (NaN when there are none): a transitive model such as Bradley–Terry cannot get a whole cycle right.</param>
/// <param name="CyclicShare">The cyclic share ‖rot‖²/‖M‖² of the fitted game (Hodge decomposition).</param>
/// <param name="Validation">How the held-out figures were obtained, e.g. <c>5-fold</c> or <c>holdout 0.2</c>; null when none were asked for.</param>
/// <param name="HeldOutLogLikelihood">Mean log-likelihood on held-out comparisons of models fitted without them (NaN without validation).</param>
/// <param name="HeldOutAccuracy">Accuracy on the held-out comparisons (NaN without validation).</param>
public sealed record FitReport(
    int Comparisons,
    double LogLikelihood,
    double Accuracy,
    int CyclicComparisons,
    double CyclicAccuracy,
    double CyclicShare,
    string? Validation,
    double HeldOutLogLikelihood,
    double HeldOutAccuracy);
