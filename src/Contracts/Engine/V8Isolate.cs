using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using ActorVm.Contracts.Api;

namespace ActorVm.Contracts.Engine;

/// <summary>What the shim answered for one call, before it is turned into a receipt status.</summary>
public readonly record struct RawOutcome(int Status, bool HasResult, string Text, int Line, int Column);

/// <summary>
/// One V8 isolate with the host functions installed. Not thread-safe: one owner runs calls on it;
/// only <see cref="Terminate"/> may come from another thread.
/// </summary>
public sealed unsafe class V8Isolate : IDisposable
{
    private static readonly byte[] RuntimeJs = LoadRuntime();
    private nint _handle;

    public V8Isolate(long heapLimitBytes)
    {
        V8Native.Initialize();
        var bindings = HostFunctionTable.Bindings;
        var names = new List<nint>();
        try
        {
            var table = stackalloc V8Native.HostBinding[bindings.Count];
            for (var i = 0; i < bindings.Count; i++)
            {
                var obj = Marshal.StringToCoTaskMemUTF8(bindings[i].Object);
                var name = Marshal.StringToCoTaskMemUTF8(bindings[i].Name);
                names.Add(obj);
                names.Add(name);
                table[i] = new V8Native.HostBinding { Object = (byte*)obj, Name = (byte*)name, Fn = bindings[i].Function };
            }
            fixed (byte* runtime = RuntimeJs)
                _handle = V8Native.IsolateNew((nuint)heapLimitBytes, runtime, RuntimeJs.Length, table, bindings.Count);
        }
        finally
        {
            names.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    public static string V8Version
    {
        get
        {
            V8Native.Initialize();
            return Marshal.PtrToStringUTF8((nint)V8Native.Version()) ?? "";
        }
    }

    /// <summary>True after the heap limit was reached: the isolate must be replaced.</summary>
    public bool IsPoisoned => V8Native.IsolatePoisoned(Handle) != 0;

    /// <summary>Stops the running call; safe from any thread.</summary>
    public void Terminate() => V8Native.IsolateTerminate(Handle);

    /// <summary>Drops a termination that arrived after its call had ended.</summary>
    public void CancelTerminate() => V8Native.IsolateCancelTerminate(Handle);

    /// <summary>Runs <paramref name="method"/> of the contract in a fresh context.</summary>
    public RawOutcome Call(HostCallContext context, string source, string method, string argsJson)
    {
        var gc = GCHandle.Alloc(context);
        try
        {
            var src = Encoding.UTF8.GetBytes(source);
            var m = Encoding.UTF8.GetBytes(method);
            var args = Encoding.UTF8.GetBytes(argsJson);
            V8Native.Outcome outcome;
            fixed (byte* s = src, mp = m, a = args)
                V8Native.Call(Handle, GCHandle.ToIntPtr(gc), s, src.Length, mp, m.Length, a, args.Length, &outcome);
            var text = outcome.Len == 0 ? "" : Encoding.UTF8.GetString(outcome.Text, outcome.Len);
            return new RawOutcome(outcome.Status, outcome.HasResult != 0, text, outcome.Line, outcome.Column);
        }
        finally
        {
            gc.Free();
        }
    }

    public void Dispose()
    {
        if (_handle == 0) return;
        V8Native.IsolateDispose(_handle);
        _handle = 0;
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(V8Isolate));

    private static byte[] LoadRuntime()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ActorVm.Contracts.runtime.js")
            ?? throw new InvalidOperationException("runtime.js is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
