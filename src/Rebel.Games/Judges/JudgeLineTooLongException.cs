using System.Globalization;

namespace Rebel.Games.Judges;

/// <summary>A judge's line is longer than its cap; what was read of it is dropped.</summary>
internal sealed class JudgeLineTooLongException(int maxBytes)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"is longer than the limit of {maxBytes} bytes"))
{
}
