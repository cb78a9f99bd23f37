using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rebel.Games.Judges;

/// <summary>
/// A running judge (docs/judge-protocol.md): one JSON request line per batch of pairs on its stdin, one JSON answer
/// line on its stdout. Started at the first request. A judge that does not answer within the timeout, exits, or
/// writes a line that is not the expected answer is stopped, and the request fails with one
/// <see cref="GameValidationException"/> naming the judge, the request and the line.
/// </summary>
public sealed class JudgeProcess : IDisposable
{
    private const int EchoLength = 200;
    private readonly JudgeSpec _spec;
    private Process? _process;
    private string? _lastError;
    private string? _broken;

    /// <summary>Prepares <paramref name="spec"/>; the process starts with the first request.</summary>
    public JudgeProcess(JudgeSpec spec) => _spec = spec ?? throw new ArgumentNullException(nameof(spec));

    /// <summary>The judge this process runs.</summary>
    public JudgeSpec Spec => _spec;

    /// <summary>Requests answered so far (answer lines read).</summary>
    public long Answers { get; private set; }

    /// <summary>
    /// Asks for the pairs (<paramref name="a"/>[k], <paramref name="b"/>[k]) of context <paramref name="context"/> and
    /// writes the judge's answers into <paramref name="result"/>: probabilities, or outcomes 1 / 0 when the judge answers
    /// outcomes, in which case <paramref name="seed"/> (required then) is sent for it to draw them from.
    /// </summary>
    /// <exception cref="GameValidationException">The judge failed (could not start, timed out, exited, or answered a malformed line).</exception>
    public void Ask(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ulong? seed, Span<double> result)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("the pair lists and the result must have the same length");
        if (_broken is not null)
            throw new GameValidationException(_broken);
        if (a.Length == 0)
            return;
        long id = Answers + 1;
        var process = Start();
        try
        {
            process.StandardInput.Write(Request(id, _spec.Contexts[context], a, b, seed));
            process.StandardInput.Flush();
        }
        catch (IOException)
        {
            Fail($"{_spec.Describe()} exited before request {id}{Exit(process)}");
        }
        var read = process.StandardOutput.ReadLineAsync();
        if (!read.Wait(TimeSpan.FromSeconds(_spec.TimeoutSeconds)))
            Fail(string.Create(CultureInfo.InvariantCulture, $"{_spec.Describe()} did not answer request {id} (answer line {id}) within {_spec.TimeoutSeconds} s"));
        string? line = read.Result;
        if (line is null)
            Fail($"{_spec.Describe()} exited before answering request {id} (answer line {id}){Exit(process)}");
        if (!TryParse(line!, id, a.Length, result))
            Fail($"{_spec.Describe()}: answer line {id} is not {Expected(id, a.Length)}: {Echo(line!)}");
        Answers = id;
    }

    /// <summary>Stops the judge (closing its stdin first, so a well-behaved judge exits by itself).</summary>
    public void Dispose()
    {
        if (_process is null)
            return;
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(1000))
                _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _process = null;
    }

    private Process Start()
    {
        if (_process is not null)
            return _process;
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = _spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_spec.Command);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
                _lastError = e.Data;
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            Fail($"{_spec.Describe()} could not be started in '{_spec.WorkingDirectory}': {e.Message}");
        }
        process.BeginErrorReadLine();
        return _process = process;
    }

    private static string Request(long id, JudgeContext context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ulong? seed)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("context", context.Name);
            w.WriteString("prompt", context.Prompt);
            w.WriteStartArray("pairs");
            for (int k = 0; k < a.Length; k++)
            {
                w.WriteStartArray();
                w.WriteStringValue(context.Responses[a[k]]);
                w.WriteStringValue(context.Responses[b[k]]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            if (context.Texts is not null)
            {
                w.WriteStartObject("texts");
                var named = new HashSet<int>();
                for (int k = 0; k < a.Length; k++)
                    foreach (int y in (int[])[a[k], b[k]])
                        if (named.Add(y))
                            w.WriteString(context.Responses[y], context.Texts[y]);
                w.WriteEndObject();
            }
            if (seed is { } s)
                w.WriteNumber("seed", s);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private bool TryParse(string line, long id, int count, Span<double> result)
    {
        string key = _spec.Answers == JudgeAnswers.Probabilities ? "p" : "wins";
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var i) || i.ValueKind != JsonValueKind.Number
                || !i.TryGetInt64(out long answered) || answered != id || !root.TryGetProperty(key, out var values)
                || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != count)
                return false;
            int k = 0;
            foreach (var v in values.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number)
                    return false;
                double x = v.GetDouble();
                bool valid = _spec.Answers == JudgeAnswers.Probabilities ? x >= 0 && x <= 1 : x is 0 or 1;
                if (!valid)
                    return false;
                result[k++] = x;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private string Expected(long id, int count) => _spec.Answers == JudgeAnswers.Probabilities
        ? string.Create(CultureInfo.InvariantCulture, $"{{\"id\": {id}, \"p\": [{count} numbers in [0, 1]]}}")
        : string.Create(CultureInfo.InvariantCulture, $"{{\"id\": {id}, \"wins\": [{count} outcomes 0 or 1]}}");

    private string Exit(Process process)
    {
        bool exited = process.WaitForExit(2000);
        string code = exited ? string.Create(CultureInfo.InvariantCulture, $" with exit code {process.ExitCode}") : "";
        return code + (_lastError is null ? "" : $"; its last stderr line: {Echo(_lastError)}");
    }

    private static string Echo(string line) => line.Length <= EchoLength ? line : line[..EchoLength] + "…";

    /// <summary>Stops the judge and fails this and every later request with <paramref name="message"/>.</summary>
    private void Fail(string message)
    {
        _broken = message;
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                    _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
        throw new GameValidationException(message);
    }
}
