using Rebel.Preference.Options;

namespace Rebel.Preference.Tests.Options;

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
        // η's default is null (the algorithm resolves it); help shows what it resolves to.
        Assert.Null(fields["eta"].Default);
        Assert.Equal("tuned", fields["eta"].DefaultText);
        Assert.Equal("exact", fields["feedback"].DefaultText);
    }

    [Theory]
    [InlineData("eta", "1e400")]
    [InlineData("eta", "NaN")]
    [InlineData("epochs", "2.5")]
    [InlineData("samples", "1")]
    [InlineData("pairs", "worst")]
    public void Invalid_text_is_rejected_naming_the_option(string name, string text)
    {
        var field = OptionFields.Of(typeof(SelfPlayOptions)).Single(f => f.Name == name);
        var e = Assert.Throws<OptionFormatException>(() => field.Parse(text));
        Assert.StartsWith($"{name}: '{text}'", e.Message, StringComparison.Ordinal);
        Assert.Same(field, e.Option);
        Assert.StartsWith($"'{text}'", e.Problem, StringComparison.Ordinal);
    }

    public sealed record Probe
    {
        [Option("switch", "a bool")]
        public bool Switch { get; init; }

        [Option("count", "a nullable int")]
        public int? Count { get; init; }

        [Option("name", "a string")]
        public string Name { get; init; } = "x";

        [Option("wait", "any IParsable")]
        public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(3);

        public int NotAnOption { get; init; } = 9;
    }

    [Fact]
    public void Every_supported_type_round_trips_through_its_text()
    {
        var fields = OptionFields.Of(typeof(Probe));
        Assert.Equal(["switch", "count", "name", "wait"], fields.Select(f => f.Name));
        Assert.True(fields[0].IsSwitch);
        Assert.Equal("00:00:03", fields[3].DefaultText);
        var probe = (Probe)OptionFields.Create(typeof(Probe), new Dictionary<string, string>
        {
            ["switch"] = "true",
            ["count"] = "-4",
            ["name"] = "best-worst",
            ["wait"] = "00:01:30",
        });
        Assert.Equal(new Probe { Switch = true, Count = -4, Name = "best-worst", Wait = TimeSpan.FromSeconds(90) }, probe);
        Assert.Throws<OptionFormatException>(() => fields[3].Parse("soon"));
    }
}
