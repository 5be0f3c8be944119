using System.Runtime.InteropServices;
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
            HostResult.Of(Base58.Encode(Chain.Sha3.Hash256(Encoding.UTF8.GetBytes(a.String(0, "text"))))));

    /// <summary>SHA3-256 of the bytes the hex text holds, in hex; "" when it is not hex (as go-iost).</summary>
    [UnmanagedCallersOnly]
    public static int Sha3Hex(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "IOSTCrypto.sha3Hex", static (_, a) =>
            HostResult.Of(Hex(a.String(0, "hex")) is { } bytes ? Convert.ToHexStringLower(Chain.Sha3.Hash256(bytes)) : ""));

    /// <summary>RIPEMD-160 of the bytes the hex text holds, in hex; "" when it is not hex.</summary>
    [UnmanagedCallersOnly]
    public static int Ripemd160Hex(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "IOSTCrypto.ripemd160Hex", static (_, a) =>
        {
            if (Hex(a.String(0, "hex")) is not { } bytes) return HostResult.Of("");
            var digest = new Org.BouncyCastle.Crypto.Digests.RipeMD160Digest();
            digest.BlockUpdate(bytes, 0, bytes.Length);
            var hash = new byte[digest.GetDigestSize()];
            digest.DoFinal(hash, 0);
            return HostResult.Of(Convert.ToHexStringLower(hash));
        });

    /// <summary>verify(algo, message, signature, publicKey), all but algo in base58: whether the signature verifies.</summary>
    [UnmanagedCallersOnly]
    public static int Verify(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "IOSTCrypto.verify", static (_, a) =>
        {
            var algorithm = a.String(0, "algo") switch
            {
                "ed25519" => Signing.KeyAlgorithm.Ed25519,
                "secp256k1" => Signing.KeyAlgorithm.Secp256k1,
                _ => (Signing.KeyAlgorithm?)null,
            };
            var (message, signature, key) = (Base58.Decode(a.String(1, "msg")), Base58.Decode(a.String(2, "sig")), Base58.Decode(a.String(3, "pubkey")));
            return HostResult.Of(algorithm is { } algo && message is not null && signature is not null && key is not null
                && new Signing.Signature(algo, signature, key).Verify(message));
        });

    private static byte[]? Hex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>console.log/info/warn/error/debug: kept with the transaction's receipt (for the node's log and query answers), never in the contract's result.</summary>
internal static unsafe class ConsoleFunctions
{
    [UnmanagedCallersOnly]
    public static int Log(nint ctx, V8Native.Value* args, int argc, V8Native.Value* result) =>
        HostCall.Run(ctx, args, argc, result, "console.log", static (c, a) =>
        {
            c.Transaction.Log(a.String(0, "level"), c.Frame.Contract, a.String(1, "message"));
            return HostResult.Undefined;
        });
}
