using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rebel.Games.Judges;

/// <summary>
/// A running judge (docs/judge-protocol.md): one JSON request line per batch of pairs on its stdin, one JSON answer
/// line on its stdout. Started at the first request, without a shell unless its spec opts in, as the leader of its own
/// process group, which is killed whole when the judge is disposed, fails or is interrupted. A judge that does not
/// answer within the timeout, exits, or writes a line that is not the expected answer (or longer than
/// <see cref="MaxAnswerBytes"/>) is stopped, and the request fails with one <see cref="GameValidationException"/>
/// naming the judge, the request and the line.
/// </summary>
public sealed class JudgeProcess : IDisposable
{
    /// <summary>The fixed part of the cap on an answer line, in bytes (see <see cref="MaxAnswerBytes"/>).</summary>
    public const int AnswerBaseBytes = 1 << 16;

    /// <summary>The cap's allowance per pair asked, in bytes (see <see cref="MaxAnswerBytes"/>).</summary>
    public const int AnswerBytesPerPair = 64;

    /// <summary>The most of one stderr line kept for messages, in bytes; the rest of a longer line is read and dropped.</summary>
    public const int StderrLineBytes = 1 << 10;

    private const int EchoLength = 200;
    private readonly JudgeSpec _spec;
    private Process? _process;
    private JudgeLineReader? _stdout;
    private Task? _exited;
    private Task? _errors;
    private volatile string? _lastError;
    private string? _broken;

    /// <summary>Prepares <paramref name="spec"/>; the process starts with the first request.</summary>
    public JudgeProcess(JudgeSpec spec) => _spec = spec ?? throw new ArgumentNullException(nameof(spec));

    /// <summary>The judge this process runs.</summary>
    public JudgeSpec Spec => _spec;

    /// <summary>Requests answered so far (answer lines read).</summary>
    public long Answers { get; private set; }

    /// <summary>The longest answer line read for a request of <paramref name="pairs"/> pairs: 64 KiB + 64 bytes per pair.</summary>
    public static int MaxAnswerBytes(int pairs) => (int)Math.Min(int.MaxValue - (1 << 13), AnswerBaseBytes + (long)AnswerBytesPerPair * pairs);

    /// <summary>
    /// Asks for the pairs (<paramref name="a"/>[k], <paramref name="b"/>[k]) of context <paramref name="context"/> and
    /// writes the judge's answers into <paramref name="result"/>: probabilities, or outcomes 1 / 0 when the judge answers
    /// outcomes, in which case <paramref name="seed"/> (required then) is sent for it to draw them from.
    /// </summary>
    /// <exception cref="GameValidationException">The judge failed (could not start, timed out, exited, or answered a malformed line).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while the judge was asked; the judge is stopped.</exception>
    public void Ask(int context, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ulong? seed, Span<double> result, CancellationToken cancellation = default)
    {
        if (a.Length != b.Length || result.Length < a.Length)
            throw new ArgumentException("the pair lists and the result must have the same length");
        var listed = _spec.Contexts[context];
        Exchange(Request(Answers + 1, listed, a.ToArray(), b.ToArray(), listed.Responses, listed.Texts, seed), a.Length, result, cancellation);
    }

    /// <summary>
    /// Asks for the pairs of texts (<paramref name="a"/>[k], <paramref name="b"/>[k]) after context
    /// <paramref name="context"/>'s prompt, for a judge of generated responses (<see cref="JudgeSpec.Generated"/>): the
    /// request names each distinct text <c>t0, t1, …</c> for itself alone and sends the texts under <c>texts</c>.
    /// </summary>
    /// <exception cref="GameValidationException">The judge failed (see <see cref="Ask"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired while the judge was asked; the judge is stopped.</exception>
    public void AskTexts(int context, IReadOnlyList<string> a, IReadOnlyList<string> b, Span<double> result, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || result.Length < a.Count)
            throw new ArgumentException("the pair lists and the result must have the same length");
        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Local(string text)
        {
            if (!index.TryGetValue(text, out int i))
            {
                index[text] = i = texts.Count;
                texts.Add(text);
            }
            return i;
        }
        var first = a.Select(Local).ToArray();
        var second = b.Select(Local).ToArray();
        var names = Enumerable.Range(0, texts.Count).Select(i => "t" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        Exchange(Request(Answers + 1, _spec.Contexts[context], first, second, names, texts, seed: null), a.Count, result, cancellation);
    }

    /// <summary>
    /// Sends request <see cref="Answers"/> + 1 and reads its answer of <paramref name="pairs"/> numbers into
    /// <paramref name="result"/>; a judge that failed before fails again, and no pair asks nothing.
    /// </summary>
    private void Exchange(byte[] request, int pairs, Span<double> result, CancellationToken cancellation)
    {
        if (_broken is not null)
            throw new GameValidationException(_broken);
        if (pairs == 0)
            return;
        cancellation.ThrowIfCancellationRequested();
        long id = Answers + 1;
        var process = Start();
        var timeout = TimeSpan.FromSeconds(_spec.TimeoutSeconds);
        var clock = Stopwatch.StartNew();
        var write = Write(process, request);
        var read = _stdout!.ReadLineAsync(MaxAnswerBytes(pairs));
        bool done;
        try
        {
            done = Task.WaitAny([read, _exited!], (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds)), cancellation) >= 0;
        }
        catch (OperationCanceledException)
        {
            Stop(Inv($"{_spec.Describe()} was interrupted while asked request {id}"));
            throw;
        }
        if (!done)
            Fail(Inv($"{_spec.Describe()} did not answer request {id} (answer line {id}) within {_spec.TimeoutSeconds} s"));
        // A judge that exited may still have written its answer: its last bytes are read first.
        if (!read.IsCompleted && !read.Wait(TimeSpan.FromMilliseconds(200)))
            Fail($"{_spec.Describe()} exited before answering request {id} (answer line {id}){Exit(process)}");
        byte[]? line;
        try
        {
            line = read.Result;
        }
        catch (AggregateException e) when (e.InnerException is JudgeLineTooLongException or IOException)
        {
            Fail($"{_spec.Describe()}: answer line {id} {e.InnerException!.Message}");
            throw;
        }
        if (line is null)
            Fail($"{_spec.Describe()} exited before answering request {id} (answer line {id}){Exit(process)}");
        // The judge cannot answer a request it has not read whole: a write still pending is a judge that answered early.
        int left = (int)Math.Clamp((timeout - clock.Elapsed).TotalMilliseconds, 0, int.MaxValue);
        if (Task.WaitAny([write], left) < 0 || !write.IsCompletedSuccessfully)
            Fail($"{_spec.Describe()} answered request {id} without reading it");
        if (!JudgeAnswer.TryParse(line!, id, pairs, _spec.Answers, result))
            Fail($"{_spec.Describe()}: answer line {id} is not {JudgeAnswer.Expected(id, pairs, _spec.Answers)}: {Echo(line!)}");
        Answers = id;
    }

    /// <summary>Stops the judge: closes its stdin, so a well-behaved judge exits by itself, then ends its whole process group.</summary>
    public void Dispose()
    {
        if (_process is null)
            return;
        try
        {
            _process.StandardInput.Close();
            _process.WaitForExit(1000);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }
        // Children the judge left behind go too, even when the judge itself exited.
        ProcessGroup.Kill(_process);
        _process.Dispose();
        _process = null;
    }

    private Process Start()
    {
        if (_process is not null)
            return _process;
        var arguments = _spec.Arguments.ToList();
        if (!_spec.Shell)
            arguments[0] = Program(arguments[0]);
        var wrapped = ProcessGroup.Wrap(arguments).ToArray();
        var info = new ProcessStartInfo(wrapped[0])
        {
            WorkingDirectory = _spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in wrapped.Skip(1))
            info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = ProcessGroup.Start(info);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            Fail($"{_spec.Describe()} could not be started in '{_spec.WorkingDirectory}': {e.Message}");
            throw;
        }
        _stdout = new JudgeLineReader(process.StandardOutput.BaseStream);
        _exited = process.WaitForExitAsync();
        _errors = Task.Run(() => ReadErrors(process.StandardError.BaseStream));
        return _process = process;
    }

    /// <summary>The program's path: as given when it has a '/' (relative to the judge's directory), else found on PATH.</summary>
    private string Program(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            string path = Path.GetFullPath(name, _spec.WorkingDirectory);
            if (File.Exists(path))
                return path;
            Fail($"{_spec.Describe()} could not be started: '{path}' does not exist");
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path))
                return path;
        }
        Fail($"{_spec.Describe()} could not be started: '{name}' is not found on PATH");
        return name;
    }

    /// <summary>Writes the request on a pool thread: a judge that does not read its stdin blocks only that write, which the timeout covers.</summary>
    private static Task Write(Process process, byte[] request)
    {
        var stream = process.StandardInput.BaseStream;
        var write = Task.Run(async () =>
        {
            await stream.WriteAsync(request).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        });
        // A judge that exits makes the write fail; the wait on the answer reports it.
        _ = write.ContinueWith(t => t.Exception, TaskScheduler.Default);
        return write;
    }

    /// <summary>Keeps the last non-blank stderr line (its first <see cref="StderrLineBytes"/> bytes) and drops the rest.</summary>
    private async Task ReadErrors(Stream stderr)
    {
        var chunk = new byte[1 << 12];
        var line = new byte[StderrLineBytes];
        int length = 0;
        try
        {
            int n;
            while ((n = await stderr.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    if (chunk[i] == (byte)'\n')
                    {
                        Keep(line, length);
                        length = 0;
                    }
                    else if (length < line.Length)
                        line[length++] = chunk[i];
                }
            }
            Keep(line, length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The judge is gone.
        }
    }

    private void Keep(byte[] line, int length)
    {
        string text = Encoding.UTF8.GetString(line, 0, length);
        if (!string.IsNullOrWhiteSpace(text))
            _lastError = text;
    }

    /// <summary>
    /// One request line: the pairs as names (<paramref name="names"/>[a[k]], <paramref name="names"/>[b[k]]) and, when
    /// there are <paramref name="texts"/>, the text of every response named in it.
    /// </summary>
    private static byte[] Request(long id, JudgeContext context, int[] a, int[] b, IReadOnlyList<string> names, IReadOnlyList<string>? texts, ulong? seed)
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
                w.WriteStringValue(names[a[k]]);
                w.WriteStringValue(names[b[k]]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            if (texts is not null)
            {
                w.WriteStartObject("texts");
                var named = new HashSet<int>();
                for (int k = 0; k < a.Length; k++)
                    foreach (int y in (int[])[a[k], b[k]])
                        if (named.Add(y))
                            w.WriteString(names[y], texts[y]);
                w.WriteEndObject();
            }
            if (seed is { } s)
                w.WriteNumber("seed", s);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private string Exit(Process process)
    {
        bool exited = process.WaitForExit(2000);
        // Its last words may still be on their way through the stderr pipe.
        _errors?.Wait(TimeSpan.FromMilliseconds(200));
        string code = exited ? Inv($" with exit code {process.ExitCode}") : "";
        return code + (_lastError is { } error ? $"; its last stderr line: {Echo(error)}" : "");
    }

    private static string Echo(byte[] line) => Echo(Encoding.UTF8.GetString(line, 0, Math.Min(line.Length, 4 * EchoLength)));

    private static string Echo(string line) => line.Length <= EchoLength ? line : line[..EchoLength] + "…";

    /// <summary>Stops the judge and fails this and every later request with <paramref name="message"/>.</summary>
    private void Fail(string message)
    {
        Stop(message);
        throw new GameValidationException(message);
    }

    /// <summary>Ends the judge's process group; every later request fails with <paramref name="message"/>.</summary>
    private void Stop(string message)
    {
        _broken = message;
        if (_process is not null)
            ProcessGroup.Kill(_process);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
