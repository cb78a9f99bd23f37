using Rebel.Preference;
using Rebel.Preference.Runs;

namespace Rebel.Cli.Tests.Runs;

public sealed class OptionFieldsTests
{
    [Fact]
    public void Enum_values_are_kebab_case_as_the_flags_are_documented()
    {
        var fields = OptionFields.Of(typeof(SelfPlayOptions)).ToDictionary(f => f.Name);
        Assert.Contains("best-worst", fields["pairs"].Choices);
        Assert.Contains("random", fields["pairs"].Choices);
        Assert.Equal(PairSelection.BestWorst, fields["pairs"].Parse("best-worst"));
        Assert.Equal(PolicyKind.LogLinear, fields["policy"].Parse("loglinear"));
        Assert.Equal(FitMethod.AdamW, fields["fit"].Parse("adamw"));
        Assert.Equal("best-worst", OptionField.Format(PairSelection.BestWorst));
    }

    [Fact]
    public void Create_sets_given_fields_and_keeps_every_other_default()
    {
        var options = (SelfPlayOptions)OptionFields.Create(typeof(SelfPlayOptions), new Dictionary<string, string>
        {
            ["eta"] = "0.25",
            ["samples"] = "all",
            ["query-budget"] = "7",
            ["unrelated"] = "ignored",
        });
        Assert.Equal(new SelfPlayOptions { Eta = 0.25, Samples = SampleCount.All, QueryBudget = 7 }, options);
    }

    [Fact]
    public void Defaults_are_the_property_initialisers()
    {
        var fields = OptionFields.Of(typeof(SelfPlayOptions)).ToDictionary(f => f.Name);
        Assert.Equal("4", fields["samples"].DefaultText);
        Assert.Equal("0.05", fields["lr"].DefaultText);
        Assert.Null(fields["eta"].DefaultText);
        Assert.Equal("exact", fields["feedback"].DefaultText);
    }

    [Theory]
    [InlineData("eta", "1e400")]
    [InlineData("eta", "NaN")]
    [InlineData("epochs", "2.5")]
    [InlineData("samples", "1")]
    [InlineData("pairs", "worst")]
    public void Invalid_text_is_rejected_naming_the_flag(string name, string text)
    {
        var field = OptionFields.Of(typeof(SelfPlayOptions)).Single(f => f.Name == name);
        var e = Assert.Throws<FormatException>(() => field.Parse(text));
        Assert.StartsWith($"--{name}: '{text}'", e.Message, StringComparison.Ordinal);
    }
}
