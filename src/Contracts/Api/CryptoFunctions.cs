using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>IOSTCrypto.sha3 (SHA3-256 in base58) and sha3Hex.</summary>
internal static unsafe class CryptoFunctions
{
    [UnmanagedCallersOnly]
    public static int Sha3(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "IOSTCrypto.sha3", static (_, a) =>
            HostResult.Of(Base58.Encode(SHA3_256.HashData(Encoding.UTF8.GetBytes(a.String(0, "text"))))));

    [UnmanagedCallersOnly]
    public static int Sha3Hex(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "IOSTCrypto.sha3Hex", static (_, a) =>
            HostResult.Of(Convert.ToHexStringLower(SHA3_256.HashData(Encoding.UTF8.GetBytes(a.String(0, "text"))))));
}

/// <summary>console.log/info/warn/error/debug: to the node's log, never to the contract's result.</summary>
internal static unsafe class ConsoleFunctions
{
    [UnmanagedCallersOnly]
    public static int Log(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "console.log", static (c, a) =>
        {
            c.Transaction.Log(a.String(0, "level"), $"[{c.Frame.Contract}] {a.String(1, "message")}");
            return HostResult.Undefined;
        });
}
