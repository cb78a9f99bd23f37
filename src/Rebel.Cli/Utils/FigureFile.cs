using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Rebel.Games;

namespace Rebel.Cli.Utils;

/// <summary>
/// Writes a figure as SVG, or as PNG at twice its size by screenshotting the SVG in headless Chromium: the charts
/// are drawn once, as SVG, and Chromium's renderer is already what the figures are checked with, so PNG needs no
/// native graphics or font library in rebel itself. Either file is replaced atomically.
/// </summary>
internal static partial class FigureFile
{
    private static readonly string[] Browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>Writes <paramref name="svg"/> to <paramref name="path"/>, as PNG when it ends in <c>.png</c>; <paramref name="flag"/> names the option in errors.</summary>
    /// <exception cref="UsageException">Another extension, no Chromium for a PNG, or the file cannot be written.</exception>
    public static void Write(string svg, string path, string flag)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".svg" or ".png"))
            throw new UsageException($"{flag} {path}: the figure file must end in .svg or .png");
        try
        {
            if (extension == ".svg")
                AtomicFile.WriteAllText(path, svg);
            else
                WritePng(svg, path, flag);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag} {path}: cannot write: {e.Message}");
        }
    }

    private static void WritePng(string svg, string path, string flag)
    {
        string browser = Browsers.Select(Find).FirstOrDefault(b => b is not null)
            ?? throw new UsageException($"{flag} {path}: a PNG is rendered by headless Chromium, and none is on PATH (install chromium, or write .svg)");
        var size = SizePattern().Match(svg);
        if (!size.Success)
            throw new InvalidOperationException("the figure's SVG has no width and height");
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        string name = Path.GetFileName(full);
        // Both temporaries sit beside the target, so the final rename is atomic and a failure leaves the target alone;
        // they end in .svg and .png because Chromium picks the type of a file: URL, and of its screenshot, by extension.
        string svgTemp = Path.Combine(dir, $".{name}.{Environment.ProcessId}.tmp.svg");
        string pngTemp = Path.Combine(dir, $".{name}.{Environment.ProcessId}.tmp.png");
        try
        {
            File.WriteAllText(svgTemp, svg);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=2",
                $"--window-size={Pixels(size.Groups[1].Value)},{Pixels(size.Groups[2].Value)}", $"--screenshot={pngTemp}", new Uri(svgTemp).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            // Chromium's chatter is read concurrently so that a full pipe cannot block it.
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new UsageException($"{flag} {path}: {browser} did not render the PNG within 60 s");
            }
            if (process.ExitCode != 0 || !File.Exists(pngTemp))
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{flag} {path}: {browser} exited with {process.ExitCode} without a PNG: {stderr.Result.Trim()}"));
            File.Move(pngTemp, full, overwrite: true);
        }
        finally
        {
            File.Delete(svgTemp);
            File.Delete(pngTemp);
        }
    }

    private static string Pixels(string length) => Math.Ceiling(double.Parse(length, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex SizePattern();
}
