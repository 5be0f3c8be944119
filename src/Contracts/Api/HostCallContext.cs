using System.Runtime.InteropServices;
using System.Text;
using ActorVm.Contracts.Engine;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Api;

/// <summary>
/// What host functions see of the call in progress: the transaction, the frame and the engine (for
/// nested calls). The shim hands it back to them as an opaque pointer; strings they return live in
/// its native buffer until the next host call.
/// </summary>
public sealed unsafe class HostCallContext(TransactionContext transaction, CallFrame frame, ContractEngine engine) : IDisposable
{
    private byte* _buffer;
    private int _capacity;

    public TransactionContext Transaction { get; } = transaction;
    public CallFrame Frame { get; } = frame;
    public ContractEngine Engine { get; } = engine;
    public IWorldState World => Transaction.World;

    /// <summary>Gas the calls below this one had used when they called it, so this frame's meter adds to it.</summary>
    public long GasBase { get; init; }

    /// <summary>This frame's gas limit.</summary>
    public long GasLimit { get; init; }

    /// <summary>This frame's meter as the last host function that can end the transaction reported it.</summary>
    public long GasAtHostCall { get; set; }

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
