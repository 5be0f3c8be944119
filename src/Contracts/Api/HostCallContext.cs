using System.Runtime.InteropServices;
using System.Text;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>
/// What host functions see of the call in progress. The shim hands it back to them as an opaque
/// pointer; strings they return live in its native buffer until the next host call.
/// </summary>
public sealed unsafe class HostCallContext(IContractState storage) : IDisposable
{
    private byte* _buffer;
    private int _capacity;

    public IContractState Storage { get; } = storage;

    internal void SetString(V8Native.Value* result, string text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _capacity)
        {
            NativeMemory.Free(_buffer);
            _capacity = Math.Max(needed, 256);
            _buffer = (byte*)NativeMemory.Alloc((nuint)_capacity);
        }
        var written = Encoding.UTF8.GetBytes(text, new Span<byte>(_buffer, _capacity));
        *result = new V8Native.Value { Kind = V8Native.String, Str = _buffer, Len = written };
    }

    public void Dispose()
    {
        NativeMemory.Free(_buffer);
        _buffer = null;
        _capacity = 0;
    }
}
