using System.Buffers;
using System.Text;

namespace ActorVm.Storage.State;

/// <summary>
/// A transaction's receipt as stored, with the transaction itself when known. Its owner may give them
/// as text, or as functions that write the receipt's UTF-8 JSON and the transaction in a form: the
/// block's writer then runs them, straight into the block's batch, off the way from one block's
/// execution to the next and without a copy.
/// </summary>
public sealed class StoredReceipt
{
    private readonly Action<IBufferWriter<byte>> _writeReceipt;
    private readonly (TransactionForm Form, Action<IBufferWriter<byte>> Write)? _transaction;

    public StoredReceipt(string txHash, string json, string? transactionJson = null)
        : this(txHash, TransactionRecord.Utf8(json), transactionJson is null ? null : (TransactionForm.Json, TransactionRecord.Utf8(transactionJson)))
    {
    }

    /// <param name="writeReceipt">Writes the receipt's JSON; run once, by the block's writer.</param>
    /// <param name="transaction">Writes the transaction in its form, or null when it is not kept.</param>
    public StoredReceipt(string txHash, Action<IBufferWriter<byte>> writeReceipt, (TransactionForm Form, Action<IBufferWriter<byte>> Write)? transaction)
    {
        TxHash = txHash;
        _writeReceipt = writeReceipt;
        _transaction = transaction;
    }

    public string TxHash { get; }

    /// <summary>The transaction's replay key (its content's hash), under which a block keeps it from running again.</summary>
    public string ReplayKey { get; init; } = "";

    /// <summary>The transaction's time, when known: it places the replay key in the store's <see cref="ReplayFilter"/>.</summary>
    public long? TxTime { get; init; }

    /// <summary>The time under which <see cref="ReplayKeyOrHash"/> is filed: null unless both the key and the time are known.</summary>
    public long? ReplayTime => ReplayKey.Length > 0 ? TxTime : null;

    /// <summary>The replay key, or for a record made without one (tools, tests), the hash.</summary>
    public string ReplayKeyOrHash => ReplayKey.Length > 0 ? ReplayKey : TxHash;

    /// <summary>The record kept under the hash (<see cref="TransactionRecord"/>), written into <paramref name="buffer"/>, which is emptied first.</summary>
    public ReadOnlySpan<byte> Record(long height, ArrayBufferWriter<byte> buffer) =>
        TransactionRecord.Encode(buffer, height, _writeReceipt, _transaction);

    /// <summary>The receipt's JSON, encoded anew (the cluster's block stream carries the text).</summary>
    public string ReceiptText() => Text(_writeReceipt);

    /// <summary>The transaction as it is kept, encoded anew, or null when it is not kept.</summary>
    public KeptTransaction? Transaction() => _transaction is { } kept ? new KeptTransaction(kept.Form, Bytes(kept.Write)) : null;

    private static string Text(Action<IBufferWriter<byte>> write) => Encoding.UTF8.GetString(Bytes(write));

    private static byte[] Bytes(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
