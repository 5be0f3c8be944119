using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using ActorVm.Contracts.Api;

namespace ActorVm.Contracts.Engine;

/// <summary>What the shim answered for one call, before it is turned into a receipt status.</summary>
public readonly record struct RawOutcome(int Status, bool HasResult, string Text, int Line, int Column, string Script, long GasUsed);

/// <summary>One module of a compiled contract as handed to V8: instrumented code and an optional code cache.</summary>
public sealed record ModuleSource(string Name, string Code, byte[]? CodeCache);

/// <summary>A module set could not be compiled by V8.</summary>
public sealed class ModuleLoadException(string message) : Exception(message);

/// <summary>
/// One V8 isolate with the host functions installed. Not thread-safe: one owner runs calls on it;
/// only <see cref="Terminate"/> may come from another thread. Calls may nest from host functions.
/// </summary>
public sealed unsafe class V8Isolate : IDisposable
{
    private nint _handle;

    public V8Isolate(long heapLimitBytes, IsolateStart start = IsolateStart.Calls)
    {
        V8Runtime.EnsureInitialized();
        var bindings = HostFunctionTable.Bindings;
        var names = bindings.Select(b => Marshal.StringToCoTaskMemUTF8(b.Name)).ToList();
        try
        {
            var table = stackalloc V8Native.HostBinding[bindings.Count];
            for (var i = 0; i < bindings.Count; i++) table[i] = new V8Native.HostBinding { Name = (byte*)names[i], Fn = bindings[i].Function };
            _handle = V8Native.IsolateNew((nuint)heapLimitBytes, (int)start, table, bindings.Count);
        }
        finally
        {
            names.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    public static string V8Version => V8Runtime.Version;

    /// <summary>V8's version and the hash of the JS made into its snapshot: what a compiled artifact is valid for.</summary>
    public static string EngineVersion => $"{V8Runtime.Version}-{V8Runtime.ScriptsHash}";

    /// <summary>True after the heap limit was reached: the isolate must be replaced.</summary>
    public bool IsPoisoned => V8Native.IsolatePoisoned(Handle) != 0;

    /// <summary>
    /// Keeps the isolate's lock on the calling thread from now on, so that calls do not take it and give
    /// it back each time. For an owner that makes every call, and disposes the isolate, on this thread.
    /// </summary>
    public void HoldOnThisThread() => V8Native.IsolateHold(Handle);

    /// <summary>Stops the running call; safe from any thread.</summary>
    public void Terminate() => V8Native.IsolateTerminate(Handle);

    /// <summary>Drops a termination that arrived after its call had ended.</summary>
    public void CancelTerminate() => V8Native.IsolateCancelTerminate(Handle);

    /// <summary>Compiles modules into this isolate; the handle stays valid until released.</summary>
    public int LoadModules(IReadOnlyList<ModuleSource> modules)
    {
        var pinned = new List<GCHandle>();
        try
        {
            nint Pin(byte[] bytes)
            {
                var h = GCHandle.Alloc(bytes, GCHandleType.Pinned);
                pinned.Add(h);
                return h.AddrOfPinnedObject();
            }
            var names = modules.Select(m => Pin(Encoding.UTF8.GetBytes(m.Name + "\0"))).ToArray();
            var codes = modules.Select(m => Encoding.UTF8.GetBytes(m.Code)).ToArray();
            var sources = codes.Select(Pin).ToArray();
            var lengths = codes.Select(c => c.Length).ToArray();
            var caches = modules.Select(m => m.CodeCache is { Length: > 0 } c ? Pin(c) : 0).ToArray();
            var cacheLengths = modules.Select(m => m.CodeCache?.Length ?? 0).ToArray();
            int handle = 0, status;
            V8Native.Outcome outcome;
            fixed (nint* n = names, s = sources, c = caches)
            fixed (int* l = lengths, cl = cacheLengths)
                status = V8Native.ModulesLoad(Handle, modules.Count, (byte**)n, (byte**)s, l, (byte**)c, cl, &handle, &outcome);
            if (status != V8Native.StatusOk)
            {
                var raw = ToRaw(outcome);
                throw new ModuleLoadException(raw.Line > 0 ? $"{raw.Script}:{raw.Line}:{raw.Column}: {raw.Text}" : raw.Text);
            }
            return handle;
        }
        finally
        {
            pinned.ForEach(h => h.Free());
        }
    }

    /// <summary>The V8 code cache of one loaded module, and whether a cache given at load was rejected.</summary>
    public (byte[]? Cache, bool Rejected) CodeCache(int handle, int index)
    {
        byte* data;
        int length, rejected;
        if (V8Native.ModulesCache(Handle, handle, index, &data, &length, &rejected) != V8Native.StatusOk)
            throw new ArgumentException($"no module {index} under handle {handle}");
        return (length > 0 ? new ReadOnlySpan<byte>(data, length).ToArray() : null, rejected != 0);
    }

    /// <summary>Whether V8 rejected the code cache module <paramref name="index"/> was loaded with; makes no cache.</summary>
    public bool CodeCacheRejected(int handle, int index)
    {
        int rejected;
        if (V8Native.ModulesCache(Handle, handle, index, null, null, &rejected) != V8Native.StatusOk)
            throw new ArgumentException($"no module {index} under handle {handle}");
        return rejected != 0;
    }

    public void ReleaseModules(int handle) => V8Native.ModulesRelease(Handle, handle);

    /// <summary>Prepares an idle context for the modules of <paramref name="modules"/> before their first call; runs no contract code.</summary>
    public void Prepare(int modules)
    {
        V8Native.Outcome outcome;
        if (V8Native.Prepare(Handle, modules, &outcome) != V8Native.StatusOk)
            throw new InvalidOperationException($"a context could not be prepared: {ToRaw(outcome).Text}");
    }

    /// <summary>
    /// Runs one call, run(inputs...), in a context prepared for the modules of <paramref name="modules"/>
    /// (or none, &lt; 0) and reused between calls.
    /// </summary>
    public RawOutcome Call(HostCallContext context, int modules, ReadOnlySpan<CallInput> inputs)
    {
        var bytes = 0;
        foreach (var input in inputs) bytes += input.Text is { } t ? Encoding.UTF8.GetByteCount(t) : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes, 1));
        var gc = GCHandle.Alloc(context);
        try
        {
            var values = stackalloc V8Native.Value[inputs.Length];
            V8Native.Outcome outcome;
            fixed (byte* text = buffer)
            {
                var used = 0;
                for (var i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    values[i] = new V8Native.Value { Kind = input.Kind, Number = input.Number };
                    if (input.Text is not { } t) continue;
                    var length = Encoding.UTF8.GetBytes(t, buffer.AsSpan(used));
                    values[i].Str = text + used;
                    values[i].Len = length;
                    used += length;
                }
                V8Native.Call(Handle, GCHandle.ToIntPtr(gc), modules, values, inputs.Length, &outcome);
            }
            return ToRaw(outcome);
        }
        finally
        {
            gc.Free();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RawOutcome ToRaw(in V8Native.Outcome o) => new(o.Status, o.HasResult != 0,
        o.Len == 0 ? "" : Encoding.UTF8.GetString(o.Text, o.Len), o.Line, o.Column,
        o.ScriptLen == 0 ? "" : Encoding.UTF8.GetString(o.Script, o.ScriptLen), (long)o.GasUsed);

    public void Dispose()
    {
        if (_handle == 0) return;
        V8Native.IsolateDispose(_handle);
        _handle = 0;
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(V8Isolate));
}
