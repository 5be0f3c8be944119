using System.Runtime.InteropServices;

namespace ActorVm.Contracts.Engine;

/// <summary>The shim's C ABI (native/avm_v8.h), one to one.</summary>
internal static unsafe partial class V8Native
{
    private const string Library = "avmv8";

    internal const int Undefined = 0, Null = 1, Bool = 2, Number = 3, String = 4, Object = 5;

    internal const int StatusOk = 0, StatusException = 1, StatusTerminated = 2, StatusOutOfMemory = 3, StatusInvalid = 4,
        StatusOutOfGas = 5, StatusStackOverflow = 6;

    [StructLayout(LayoutKind.Sequential)]
    internal struct Value
    {
        public int Kind;
        public int Len;
        public byte* Str;
        public double Number;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct HostBinding
    {
        public byte* Name;
        public delegate* unmanaged<nint, Value*, int, Value*, int> Fn;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Outcome
    {
        public int Status;
        public int HasResult;
        public byte* Text;
        public int Len;
        public int Line;
        public int Column;
        public byte* Script;
        public int ScriptLen;
        public double GasUsed;
    }

    [LibraryImport(Library, EntryPoint = "avm_initialize")]
    internal static partial int Initialize(byte** scripts, int* lengths, byte** names, int* contexts, int count, byte* error, int errorCapacity);

    internal const int RuntimeContext = 0, CompilerContext = 1, CompilerHandle = -2;

    [LibraryImport(Library, EntryPoint = "avm_v8_version")]
    internal static partial byte* Version();

    [LibraryImport(Library, EntryPoint = "avm_isolate_new")]
    internal static partial nint IsolateNew(nuint heapLimitBytes, int snapshot, HostBinding* bindings, int count);

    [LibraryImport(Library, EntryPoint = "avm_isolate_dispose")]
    internal static partial void IsolateDispose(nint isolate);

    [LibraryImport(Library, EntryPoint = "avm_isolate_hold")]
    internal static partial void IsolateHold(nint isolate);

    [LibraryImport(Library, EntryPoint = "avm_isolate_terminate")]
    internal static partial void IsolateTerminate(nint isolate);

    [LibraryImport(Library, EntryPoint = "avm_isolate_cancel_terminate")]
    internal static partial void IsolateCancelTerminate(nint isolate);

    [LibraryImport(Library, EntryPoint = "avm_isolate_poisoned")]
    internal static partial int IsolatePoisoned(nint isolate);

    [LibraryImport(Library, EntryPoint = "avm_modules_load")]
    internal static partial int ModulesLoad(nint isolate, int count, byte** names, byte** sources, int* sourceLengths,
        byte** caches, int* cacheLengths, int* handle, Outcome* outcome);

    [LibraryImport(Library, EntryPoint = "avm_modules_cache")]
    internal static partial int ModulesCache(nint isolate, int handle, int index, byte** data, int* length, int* rejected);

    [LibraryImport(Library, EntryPoint = "avm_modules_release")]
    internal static partial void ModulesRelease(nint isolate, int handle);

    [LibraryImport(Library, EntryPoint = "avm_prepare")]
    internal static partial int Prepare(nint isolate, int handle, Outcome* outcome);

    [LibraryImport(Library, EntryPoint = "avm_call")]
    internal static partial int Call(nint isolate, nint callContext, int handle, Value* inputs, int count, Outcome* outcome);
}
