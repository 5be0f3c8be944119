using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace ActorVm.Contracts.Engine;

/// <summary>
/// V8 for this process: initialised once, with the startup snapshot made from the JS libraries
/// (BigNumber, acorn, Int64/Float64, the gas instrumenter, the call runtime, the sandbox).
/// </summary>
internal static unsafe class V8Runtime
{
    // The runtime context every contract call runs in; the compiler context only the compile phase uses.
    private static readonly (string Name, int Context)[] Scripts =
    [
        ("bignumber.js", V8Native.RuntimeContext), ("metering.js", V8Native.RuntimeContext), ("numbers.js", V8Native.RuntimeContext), ("format.js", V8Native.RuntimeContext), ("modules.js", V8Native.RuntimeContext),
        ("contract-api.js", V8Native.RuntimeContext), ("runtime.js", V8Native.RuntimeContext),
        ("sandbox.js", V8Native.RuntimeContext), ("lockdown.js", V8Native.RuntimeContext), ("acorn.js", V8Native.CompilerContext), ("costs.js", V8Native.CompilerContext),
        ("purity.js", V8Native.CompilerContext), ("abi.js", V8Native.CompilerContext), ("instrument.js", V8Native.CompilerContext),
    ];
    private static readonly Lazy<bool> Ready = new(Initialize);

    public static void EnsureInitialized() => _ = Ready.Value;

    public static string Version
    {
        get
        {
            EnsureInitialized();
            return Marshal.PtrToStringUTF8((nint)V8Native.Version()) ?? "";
        }
    }

    /// <summary>
    /// Identifies the JS this process runs: a compiled contract is kept under it, so that code
    /// instrumented by another instrumenter or cost model (another version of the node) is compiled
    /// again rather than run with other charges.
    /// </summary>
    public static string ScriptsHash { get; } = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(Scripts.SelectMany(s => Load(s.Name)).ToArray()))[..16];

    private static bool Initialize()
    {
        var sources = Scripts.Select(s => Load(s.Name)).ToArray();
        var names = Scripts.Select(s => Encoding.UTF8.GetBytes(s.Name + "\0")).ToArray();
        var contexts = Scripts.Select(s => s.Context).ToArray();
        var handles = sources.Concat(names).Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToList();
        try
        {
            var sourcePointers = sources.Select((_, i) => handles[i].AddrOfPinnedObject()).ToArray();
            var namePointers = names.Select((_, i) => handles[sources.Length + i].AddrOfPinnedObject()).ToArray();
            var lengths = sources.Select(s => s.Length).ToArray();
            var error = new byte[4096];
            int status;
            fixed (nint* s = sourcePointers, n = namePointers)
            fixed (int* l = lengths, c = contexts)
            fixed (byte* e = error)
                status = V8Native.Initialize((byte**)s, l, (byte**)n, c, Scripts.Length, e, error.Length);
            if (status != 0)
                throw new InvalidOperationException($"V8 could not be initialised: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
            return true;
        }
        finally
        {
            handles.ForEach(h => h.Free());
        }
    }

    private static byte[] Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"js/{name}")
            ?? throw new InvalidOperationException($"js/{name} is not embedded: run scripts/bootstrap.sh (npm ci) and rebuild");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
