using System.Globalization;
using System.Text;
using Rebel.Games.Judges;

namespace Rebel.Games.Tests.Judges;

/// <summary>
/// A seeded fuzzer of what a judge writes back (docs/judge-protocol.md): valid answers, answers with one fault, random
/// mutations of valid answers and random bytes, delivered in random chunk sizes with or without newlines. Whatever
/// comes, the reader returns lines within the cap or refuses one as too long, and the parser never throws, accepts
/// exactly the valid answers and gives their values bit for bit. Real faulty processes: Rebel.Cli.Tests' JudgeFaultTests.
/// </summary>
public sealed class JudgeFuzzTests
{
    private const int Cases = 3000;

    /// <summary>A stream that returns what it holds in random small pieces, as a pipe does.</summary>
    private sealed class Trickle(byte[] bytes, Random random) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + random.Next(5000)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1 + random.Next(5000))], cancellationToken);
    }

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static (string Line, bool Valid, double[] Values) Answer(Random r, long id, int count, JudgeAnswers kind)
    {
        var values = Enumerable.Range(0, count).Select(_ => kind == JudgeAnswers.Probabilities ? r.NextDouble() : r.Next(2)).ToArray();
        string key = kind == JudgeAnswers.Probabilities ? "p" : "wins";
        string list = string.Join(", ", values.Select(Number));
        string valid = $"{{\"id\": {id}, \"{key}\": [{list}]}}";
        switch (r.Next(16))
        {
            case 0: return ($"{{\"{key}\": [{list}], \"id\": {id}, \"note\": \"extra keys are ignored\"}}", true, values);
            case 1: return ($"{{\"id\": {id + 1}, \"{key}\": [{list}]}}", false, values);
            case 2: return ($"{{\"id\": {id}, \"{key}\": [{list}], \"{key}\": [{list}]}}", false, values);
            case 3: return ($"{{\"id\": {id}, \"{key}\": [{list}{(count > 0 ? ", " : "")}0]}}", false, values);
            case 4: return ($"{{\"id\": {id}, \"{key}\": [{string.Join(", ", values.Skip(1).Select(Number))}]}}", count == 1 && false, values);
            case 5: return ($"{{\"id\": {id}, \"{key}\": [NaN]}}", false, values);
            case 6: return ($"{{\"id\": {id}, \"{key}\": [{string.Join(", ", values.Select(v => Number(v + 1.5)))}]}}", false, values);
            case 7: return ($"{{\"id\": \"{id}\", \"{key}\": [{list}]}}", false, values);
            case 8: return ($"[{id}, [{list}]]", false, values);
            case 9: return (new string('[', 1 + r.Next(2000)), false, values);
            case 10: return ($"{{\"id\": {id}, \"{key}\": [{list}]", false, values);
            case 11: return ($"{{\"id\": {id}, \"{key}\": [{string.Join(", ", values.Select(v => $"\"{Number(v)}\""))}]}}", false, values);
            case 12: return ($"{{\"id\": {id}.5, \"{key}\": [{list}]}}", false, values);
            case 13: return ($"  {valid}\r", true, values);
            default: return (valid, true, values);
        }
    }

    [Fact]
    public async Task EveryLineAJudgeCanWriteIsReadWithinTheCapAndParsedWithoutThrowing()
    {
        var r = new Random(20261207);
        int accepted = 0, refused = 0, tooLong = 0, mutated = 0;
        for (int c = 0; c < Cases; c++)
        {
            var kind = r.Next(2) == 0 ? JudgeAnswers.Probabilities : JudgeAnswers.Outcomes;
            int count = 1 + r.Next(r.Next(4) == 0 ? 3000 : 20);
            long id = 1 + r.Next(1000);
            var (line, valid, values) = Answer(r, id, count, kind);
            var bytes = Encoding.UTF8.GetBytes(line).ToList();
            // A quarter of the lines are mutated (bytes flipped, cut, doubled, invalid UTF-8): whatever the parser
            // makes of them, it must not throw, and anything accepted must be in range.
            bool mutate = r.Next(4) == 0;
            if (mutate)
            {
                mutated++;
                for (int m = 1 + r.Next(4); m > 0 && bytes.Count > 0; m--)
                {
                    int at = r.Next(bytes.Count);
                    switch (r.Next(4))
                    {
                        case 0: bytes[at] = (byte)r.Next(256); break;
                        case 1: bytes.RemoveRange(at, r.Next(bytes.Count - at + 1)); break;
                        case 2: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, r.Next(64)))); break;
                        default: bytes.Insert(at, (byte)(0x80 + r.Next(64))); break;
                    }
                }
                bytes.RemoveAll(b => b == (byte)'\n');
            }
            int cap = JudgeProcess.MaxAnswerBytes(count);
            // Some judges write far past the cap without a newline; some end without one.
            if (r.Next(20) == 0)
                bytes.AddRange(Enumerable.Repeat((byte)'0', cap + 1 + r.Next(100_000)));
            bool newline = r.Next(10) != 0;
            var stream = new Trickle([.. bytes, .. newline ? "\n"u8.ToArray() : [], .. "{\"next\": 1}\n"u8.ToArray()], r);
            var reader = new JudgeLineReader(stream);
            byte[]? read;
            try
            {
                read = await reader.ReadLineAsync(cap);
            }
            catch (JudgeLineTooLongException)
            {
                Assert.True(bytes.Count > cap, $"case {c}: a line of {bytes.Count} bytes refused under the cap {cap}");
                tooLong++;
                continue;
            }
            Assert.NotNull(read);
            Assert.InRange(read!.Length, 0, cap);
            Assert.Equal(newline ? bytes.ToArray() : [.. bytes, .. "{\"next\": 1}"u8.ToArray()], read);
            var result = new double[count];
            bool ok = JudgeAnswer.TryParse(read, id, count, kind, result);
            if (!mutate && newline)
            {
                Assert.True(valid == ok, $"case {c}: {(valid ? "refused" : "accepted")} {line[..Math.Min(200, line.Length)]}");
                if (ok)
                    Assert.Equal(values, result);
            }
            if (ok)
            {
                accepted++;
                Assert.All(result, v => Assert.True(kind == JudgeAnswers.Probabilities ? v is >= 0 and <= 1 : v is 0 or 1));
            }
            else
                refused++;
        }
        Assert.Equal(Cases, accepted + refused + tooLong);
        // Every kind of outcome is exercised.
        Assert.All(new[] { accepted, refused, tooLong, mutated }, n => Assert.True(n > 50, $"only {n}"));
    }

    [Fact]
    public async Task LinesFollowEachOtherAcrossChunksAndTheLastNeedsNoNewline()
    {
        var reader = new JudgeLineReader(new Trickle("a\n\nbc\nd"u8.ToArray(), new Random(1)));
        Assert.Equal("a", Encoding.UTF8.GetString((await reader.ReadLineAsync(10))!));
        Assert.Empty((await reader.ReadLineAsync(10))!);
        Assert.Equal("bc", Encoding.UTF8.GetString((await reader.ReadLineAsync(10))!));
        Assert.Equal("d", Encoding.UTF8.GetString((await reader.ReadLineAsync(10))!));
        Assert.Null(await reader.ReadLineAsync(10));
    }
}
