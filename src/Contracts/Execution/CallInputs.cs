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
    public static CallInput[] For(string mode, TransactionContext tx, CallFrame frame, string entry, string method, string args,
        long gasLimit, bool optional = false) =>
        [mode, entry, method, args, gasLimit, optional, frame.Contract, frame.Owner, frame.Caller, frame.CallerIsAccount];

    /// <summary>{tx, block} as SPEC §2.1 shows them to contracts; the same for every call of a transaction.</summary>
    public static string ChainJson(TransactionContext tx)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("tx");
            w.WriteNumber("time", tx.Tx.Time);
            w.WriteString("hash", tx.Tx.Hash);
            w.WriteNumber("expiration", tx.Tx.Expiration);
            w.WriteNumber("gasLimit", tx.Tx.GasLimit);
            w.WriteString("publisher", tx.Tx.Publisher);
            w.WriteStartArray("authList");
            foreach (var signer in tx.Tx.Signers.Prepend(tx.Tx.Publisher).Distinct()) w.WriteStringValue(signer);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("block");
            w.WriteNumber("number", tx.Block.Number);
            w.WriteString("parentHash", tx.Block.ParentHash);
            w.WriteString("witness", tx.Block.Witness);
            w.WriteNumber("time", tx.Block.Time);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
