using System.Text.Json.Serialization;
using Parquet.Serialization;
using Rebel.Cli.Tests.Utils;
using Rebel.Games;
using Rebel.Preference.Fitting;

namespace Rebel.Preference.Tests.Fitting;

/// <summary>
/// The field's preference data — <c>{"prompt", "chosen", "rejected"}</c> records as TRL and Hugging Face publish them —
/// read from JSON lines, CSV and Parquet give the same comparisons as Rebel's own pairs format; conversations stand
/// for their last message (a prompt for its messages), and a bad record is one error naming its file and row.
/// </summary>
public sealed class FieldFormatTests
{
    private static readonly PairwiseComparison[] Expected =
    [
        new("Which, of rock and paper?", "paper", "rock", 1),
        new("Which, of rock and paper?", "scissors", "paper", 1),
        new("Say \"hi\"\nnicely", "hello", "hey", 1),
    ];

    /// <summary>A data set's row; its columns are named as Hugging Face's are (Parquet.Net takes the JSON names).</summary>
    public sealed class Row
    {
        [JsonPropertyName("prompt")]
        public string Prompt { get; set; } = "";
        [JsonPropertyName("chosen")]
        public string Chosen { get; set; } = "";
        [JsonPropertyName("rejected")]
        public string Rejected { get; set; } = "";
    }

    [Fact]
    public async Task Jsonl_csv_and_parquet_records_read_as_the_own_format()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["own.jsonl"], string.Concat(Expected.Select(e =>
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["context"] = e.Context, ["a"] = e.A, ["b"] = e.B, ["winner"] = "a" }) + "\n")));
        File.WriteAllText(dir["field.jsonl"], string.Concat(Expected.Select(e =>
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["prompt"] = e.Context, ["chosen"] = e.A, ["rejected"] = e.B }) + "\n")));
        // Quoted fields hold commas, quotes and a line break; CRLF line ends; a blank last line.
        File.WriteAllText(dir["field.csv"], "prompt,chosen,rejected\r\n\"Which, of rock and paper?\",paper,rock\r\n\"Which, of rock and paper?\",scissors,paper\r\n\"Say \"\"hi\"\"\nnicely\",hello,hey\r\n");
        await using (var stream = File.Create(dir["field.parquet"]))
            await ParquetSerializer.SerializeAsync(Expected.Select(e => new Row { Prompt = e.Context, Chosen = e.A, Rejected = e.B }), stream);
        // The own format's CSV form too: context, a, b and p as columns.
        File.WriteAllText(dir["own.csv"], "context,a,b,p\n\"Which, of rock and paper?\",paper,rock,1\n\"Which, of rock and paper?\",scissors,paper,1\n\"Say \"\"hi\"\"\nnicely\",hello,hey,1\n");
        foreach (string file in new[] { "own.jsonl", "field.jsonl", "field.csv", "field.parquet", "own.csv" })
            Assert.Equal(Expected, PairwiseData.Read(dir[file]));
    }

    [Fact]
    public void A_conversation_stands_for_its_last_message_and_a_prompt_for_its_messages()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir["chat.jsonl"],
            "{\"prompt\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Best move?\"}]," +
            "\"chosen\":[{\"role\":\"user\",\"content\":\"Best move?\"},{\"role\":\"assistant\",\"content\":\"paper\"}]," +
            "\"rejected\":[{\"role\":\"assistant\",\"content\":\"rock\"}]}\n");
        Assert.Equal([new PairwiseComparison("Be brief.\nBest move?", "paper", "rock", 1)], PairwiseData.Read(dir["chat.jsonl"]));
    }

    [Theory]
    [InlineData("bad.jsonl", "{\"prompt\":\"x\",\"chosen\":\"a\"}\n", "bad.jsonl:1: missing 'rejected'")]
    [InlineData("bad.jsonl", "{\"chosen\":\"a\",\"rejected\":\"b\"}\n", "bad.jsonl:1: missing 'prompt'")]
    [InlineData("bad.jsonl", "{\"prompt\":\"x\",\"chosen\":\"a\",\"rejected\":\"b\",\"winner\":\"a\"}\n", "bad.jsonl:1: a 'chosen'/'rejected' record says which response won; 'winner' cannot be given with them")]
    [InlineData("bad.csv", "prompt,chosen,rejected\nx,a,b\ny,a\n", "bad.csv:3: 2 fields, the header has 3")]
    [InlineData("bad.csv", "prompt,chosen,rejected\nx,a,a\n", "bad.csv:2: 'chosen' and 'rejected' are the same response")]
    [InlineData("bad.csv", "prompt,chosen,rejected\n\"x,a,b\n", "bad.csv:2: a quoted field is not closed")]
    [InlineData("bad.parquet", "not parquet", "bad.parquet: not a readable Parquet file")]
    public void A_bad_record_is_one_error_naming_file_and_row(string file, string content, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir[file], content);
        var e = Assert.Throws<GameValidationException>(() => PairwiseData.Read(dir[file]));
        Assert.StartsWith(Path.Combine(dir.Path, expected), e.Message, StringComparison.Ordinal);
    }
}
