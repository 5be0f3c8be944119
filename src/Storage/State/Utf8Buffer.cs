using System.Text;

namespace ActorVm.Storage.State;

/// <summary>A buffer that text is encoded into as UTF-8, again and again: valid until the next call.</summary>
internal sealed class Utf8Buffer
{
    // Larger texts (a contract's code) get arrays of their own: the buffer is kept for good.
    private const int MostKept = 64 * 1024;
    private byte[] _bytes = new byte[256];

    public ReadOnlySpan<byte> Utf8(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > MostKept) return Encoding.UTF8.GetBytes(text);
        if (most > _bytes.Length) _bytes = new byte[Math.Max(most, _bytes.Length * 2)];
        return _bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, _bytes));
    }
}
