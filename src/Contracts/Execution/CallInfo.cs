using System.Text;
using System.Text.Json;

namespace ActorVm.Contracts.Execution;

/// <summary>The JSON the call runtime's setup reads (js/runtime.js): mode, method, gas, and the tx and block objects.</summary>
internal static class CallInfo
{
    public static string For(string mode, TransactionContext tx, CallFrame frame, string entry, string method, string args, long gasLimit,
        bool optional = false, string? request = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("mode", mode);
            w.WriteString("entry", entry);
            w.WriteString("method", method);
            w.WriteString("args", args);
            w.WriteNumber("gasLimit", gasLimit);
            w.WriteBoolean("optional", optional);
            if (request is not null) w.WriteString("request", request);
            w.WriteString("contract", frame.Contract);
            w.WriteString("owner", frame.Owner);
            w.WriteStartObject("caller");
            w.WriteString("name", frame.Caller);
            w.WriteBoolean("is_account", frame.CallerIsAccount);
            w.WriteEndObject();
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
