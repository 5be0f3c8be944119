using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The arguments of the call runtime's run function (js/runtime.js), in its order: mode, entry,
/// method, args, gas limit, optional, contract, owner, caller, caller is an account. The transaction
/// and block reach the runtime through the host's chainInfo, only when the contract looks at them.
/// </summary>
internal static class CallInputs
{
    public static Arguments For(string mode, TransactionContext tx, CallFrame frame, string entry, string method, string args,
        long gasLimit, bool optional = false)
    {
        var inputs = new Arguments();
        Span<CallInput> span = inputs;
        (span[0], span[1], span[2], span[3], span[4]) = (mode, entry, method, args, gasLimit);
        (span[5], span[6], span[7], span[8], span[9]) = (optional, frame.Contract, frame.Owner, frame.Caller, frame.CallerIsAccount);
        return inputs;
    }

    /// <summary>The run function's arguments, held on the caller's stack: a call allocates no array for them.</summary>
    [System.Runtime.CompilerServices.InlineArray(10)]
    public struct Arguments
    {
        private CallInput _first;
    }

    /// <summary>
    /// {txInfo, blockInfo} as go-iost's blockchain.txInfo() and blockInfo() give them (its keys, in the
    /// sorted order Go writes a map in); the runtime derives the tx and block objects from them. The
    /// same for every call of a transaction. auth_list maps each key that signed to 1 (a signer's) or 2
    /// (the publisher's).
    /// </summary>
    public static string ChainJson(TransactionContext tx)
    {
        var t = tx.Tx;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("txInfo");
            w.WriteStartArray("actions");
            foreach (var a in t.Actions)
            {
                w.WriteStartObject();
                w.WriteString("contract", a.Contract);
                w.WriteString("actionName", a.ActionName);
                w.WriteString("data", a.Data);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("amount_limit");
            foreach (var a in t.AmountLimit)
            {
                w.WriteStartObject();
                w.WriteString("token", a.Token);
                w.WriteString("val", a.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("auth_list");
            foreach (var (key, level) in t.Signing.KeyLevels()) w.WriteNumber(key, level);
            w.WriteEndObject();
            w.WriteNumber("expiration", t.Expiration);
            w.WriteNumber("gas_limit", t.GasLimit);
            w.WriteNumber("gas_ratio", t.GasRatio);
            w.WriteString("hash", t.Hash);
            w.WriteString("publisher", t.Publisher);
            w.WriteNumber("time", t.Time);
            w.WriteEndObject();
            w.WriteStartObject("blockInfo");
            w.WriteNumber("number", tx.Block.Number);
            w.WriteString("parent_hash", tx.Block.ParentHash);
            w.WriteNumber("time", tx.Block.Time);
            w.WriteString("witness", tx.Block.Witness);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
