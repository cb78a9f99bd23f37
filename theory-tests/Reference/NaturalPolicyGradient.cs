using MathNet.Numerics.LinearAlgebra;

namespace Rebel.TheoryTests.Reference;

/// <summary>
/// The natural policy gradient of a log-linear policy written from its definition: score
/// <c>∇log π(y) = φ(y) − E_π φ</c>, Fisher <c>F = E_π[∇log π ∇log πᵀ]</c>, advantage <c>A = r − E_π r</c>,
/// gradient <c>g = E_π[∇log π A]</c>, step <c>(F + δI)⁻¹ g</c>.
/// </summary>
internal static class NaturalPolicyGradient
{
    /// <summary><c>F = Σ_y π(y) s_y s_yᵀ</c> with <c>s_y = φ(y) − E_π φ</c>.</summary>
    public static Matrix<double> Fisher(Matrix<double> features, Vector<double> policy)
    {
        var scores = Scores(features, policy);
        var f = Matrix<double>.Build.Dense(features.ColumnCount, features.ColumnCount);
        for (int y = 0; y < features.RowCount; y++)
            f += policy[y] * scores.Row(y).OuterProduct(scores.Row(y));
        return f;
    }

    /// <summary><c>(F + δI)⁻¹ E_π[∇log π (r − E_π r)]</c>.</summary>
    public static Vector<double> Step(Matrix<double> features, Vector<double> policy, Vector<double> rewards, double damping)
    {
        var f = Fisher(features, policy) + damping * Matrix<double>.Build.DenseIdentity(features.ColumnCount);
        return f.Solve(Gradient(features, policy, rewards));
    }

    /// <summary>The policy gradient <c>g = E_π[∇log π(y) A(y)]</c> with the advantage <c>A = r − E_π r</c>.</summary>
    public static Vector<double> Gradient(Matrix<double> features, Vector<double> policy, Vector<double> rewards)
    {
        var scores = Scores(features, policy);
        var advantage = rewards - policy.DotProduct(rewards);
        var g = Vector<double>.Build.Dense(features.ColumnCount);
        for (int y = 0; y < features.RowCount; y++)
            g += policy[y] * advantage[y] * scores.Row(y);
        return g;
    }

    private static Matrix<double> Scores(Matrix<double> features, Vector<double> policy)
    {
        var mean = features.TransposeThisAndMultiply(policy);
        return Matrix<double>.Build.Dense(features.RowCount, features.ColumnCount, (y, k) => features[y, k] - mean[k]);
    }
}
