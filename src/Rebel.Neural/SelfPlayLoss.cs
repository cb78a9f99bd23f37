namespace Rebel.Neural;

/// <summary>The regression or classification objective fitted to each iteration's self-play data.</summary>
public enum SelfPlayLoss
{
    /// <summary>REBEL: <c>((1/η)(ρ_i − ρ_j) − (r_i − r_j))²</c> over all pairs of a group, ρ = ln π_θ/π_t.</summary>
    Rebel,

    /// <summary>SPPO: <c>(ρ_i − η(r_i − 1/2))²</c> per response.</summary>
    Sppo,

    /// <summary>Online DPO: <c>−ln σ(β(ρ_w − ρ_l))</c> over the pairs of a group whose win rates differ, β the tabular <c>online-dpo</c>'s <c>Beta</c>.</summary>
    OnlineDpo,
}
