namespace Rebel.Games.Judges;

/// <summary>
/// Reads a judge's answer lines from its stdout with a cap on each line's length, so that a judge writing without a
/// newline (or writing forever) costs at most the cap in memory (docs/judge-protocol.md, "Limits").
/// </summary>
internal sealed class JudgeLineReader(Stream stream)
{
    private byte[] _buffer = new byte[1 << 12];
    private int _start;
    private int _end;

    /// <summary>
    /// The next line without its newline (a last line cut by the end of the stream counts as a line), or null at the
    /// end of the stream.
    /// </summary>
    /// <exception cref="JudgeLineTooLongException">The line is longer than <paramref name="maxBytes"/>; it is not read further.</exception>
    public async Task<byte[]?> ReadLineAsync(int maxBytes)
    {
        int scanned = _start;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline - _start > maxBytes || newline < 0 && _end - _start > maxBytes)
                throw new JudgeLineTooLongException(maxBytes);
            if (newline >= 0)
            {
                var line = _buffer.AsSpan(_start, newline - _start).ToArray();
                _start = newline + 1;
                return line;
            }
            MakeRoom(maxBytes);
            scanned = _end;
            int read = await stream.ReadAsync(_buffer.AsMemory(_end)).ConfigureAwait(false);
            if (read == 0)
            {
                if (_start == _end)
                    return null;
                var last = _buffer.AsSpan(_start, _end - _start).ToArray();
                _start = _end;
                return last;
            }
            _end += read;
        }
    }

    /// <summary>Moves the unread bytes to the front and grows the buffer, never past the cap and a read's worth.</summary>
    private void MakeRoom(int maxBytes)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
            Array.Resize(ref _buffer, (int)Math.Min(2L * _buffer.Length, (long)maxBytes + (1 << 12) + 1));
    }
}
