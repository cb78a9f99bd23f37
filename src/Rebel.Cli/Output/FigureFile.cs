using Rebel.Cli.Errors;
using Rebel.Games;
using SkiaSharp;
using Svg.Skia;

namespace Rebel.Cli.Output;

/// <summary>
/// Writes a figure as SVG, or as PNG at twice its size rendered in-process by Svg.Skia (SkiaSharp): the charts are
/// drawn once, as SVG, and the PNG is that drawing rasterised, so no browser or other program is needed. Either file
/// is replaced atomically.
/// </summary>
internal static class FigureFile
{
    private const float Scale = 2;

    /// <summary>Writes <paramref name="svg"/> to <paramref name="path"/>, as PNG when it ends in <c>.png</c>; <paramref name="flag"/> names the option in errors.</summary>
    /// <exception cref="UsageException">Another extension, or the file cannot be written.</exception>
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
                AtomicFile.Write(path, stream => Png(svg, stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag} {path}: cannot write: {e.Message}");
        }
    }

    /// <summary>Writes a PNG beside each SVG of <paramref name="svgs"/> (same name, <c>.png</c>) and returns their paths.</summary>
    public static IReadOnlyList<string> WritePngs(IEnumerable<string> svgs, string flag) =>
        svgs.Select(svg =>
        {
            string png = Path.ChangeExtension(svg, ".png");
            Write(File.ReadAllText(svg), png, flag);
            return png;
        }).ToArray();

    /// <summary>
    /// Checks, before any work, that PNGs can be rendered here (SkiaSharp's native library loads and renders text),
    /// so that a run does not end without its figures.
    /// </summary>
    /// <exception cref="UsageException">The renderer cannot run on this machine.</exception>
    public static void CheckPng(string flag)
    {
        try
        {
            using var stream = new MemoryStream();
            Png("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><text x=\"0\" y=\"4\">x</text></svg>", stream);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new UsageException($"{flag}: PNG figures cannot be rendered here (SkiaSharp's native library: {e.GetBaseException().Message}); write SVG only");
        }
    }

    private static void Png(string svg, Stream output)
    {
        using var document = new SKSvg();
        using var picture = document.FromSvg(svg) ?? throw new InvalidOperationException("the figure's SVG could not be read by Svg.Skia");
        var bounds = picture.CullRect;
        using var bitmap = new SKBitmap((int)Math.Ceiling(bounds.Width * Scale), (int)Math.Ceiling(bounds.Height * Scale));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(Scale);
            canvas.DrawPicture(picture);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }
}
