namespace Rebel.Preference.Fitting;

/// <summary>The preference model <c>rebel fit-pref --model</c> fits.</summary>
public enum PreferenceModelKind
{
    /// <summary>Bradley–Terry: one utility per response, <c>P = σ(s_a − s_b)</c> (transitive).</summary>
    Bt,

    /// <summary>General preference model: skew-symmetric embeddings, <c>P = σ(v_aᵀ R v_b)</c> (cycles allowed).</summary>
    Gpm,
}
