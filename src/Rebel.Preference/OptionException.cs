namespace Rebel.Preference;

/// <summary>
/// An options record holds a value the library cannot run with. The message names the property in C#
/// (<c>SelfPlayOptions.Eta = -1: must be a positive finite number</c>); the parts are kept apart so that a front
/// end can name them its own way (the CLI writes <c>--eta -1: must be a positive finite number</c>) with
/// <see cref="Render"/>.
/// </summary>
public sealed class OptionException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="option">The property at fault, with its value.</param>
    /// <param name="problem">What is wrong, one line; <c>{0}</c>, <c>{1}</c>, … stand for <paramref name="references"/>.</param>
    /// <param name="references">Other options the problem mentions.</param>
    public OptionException(OptionReference option, string problem, params OptionReference[] references)
        : base(problem, option?.Property)
    {
        Option = option ?? throw new ArgumentNullException(nameof(option));
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        References = references ?? [];
    }

    /// <summary>Creates the exception about <typeparamref name="T"/>'s property <paramref name="property"/> holding <paramref name="value"/>.</summary>
    public static OptionException Of<T>(string property, object? value, string problem, params OptionReference[] references) =>
        new(OptionReference.Of<T>(property, value), problem, references);

    /// <summary>The property at fault, with its value.</summary>
    public OptionReference Option { get; }

    /// <summary>What is wrong; <c>{i}</c> stands for <see cref="References"/>[i].</summary>
    public string Problem { get; }

    /// <summary>Other options the problem mentions.</summary>
    public IReadOnlyList<OptionReference> References { get; }

    /// <summary>The message with every option written by <paramref name="name"/>: <c>name(Option): problem</c>.</summary>
    public string Render(Func<OptionReference, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string problem = References.Count == 0 ? Problem : string.Format(System.Globalization.CultureInfo.InvariantCulture, Problem, References.Select(name).ToArray<object>());
        return $"{name(Option)}: {problem}";
    }

    /// <summary>The message in C# terms.</summary>
    public override string Message => Render(r => r.ToString());
}
