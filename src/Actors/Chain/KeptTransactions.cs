using System.Buffers;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>
/// How a block's records keep its transactions: IOST's full binary encoding, which is written without
/// a serializer and takes under half the bytes of the JSON (the JSON took 3.9% of the in-process run's
/// CPU samples in the block's writer). A transaction the encoding would not give back whole is kept as JSON.
/// </summary>
public static class KeptTransactions
{
    public static (TransactionForm Form, Action<IBufferWriter<byte>> Write) Keep(Transaction tx) =>
        TxEncoding.EncodesWhole(tx)
            ? (TransactionForm.IostEncoding, output => TxEncoding.WriteFull(output, tx))
            : (TransactionForm.Json, output => ChainJson.Write(output, tx));

    /// <summary>The transaction, whichever form it is kept in; an <see cref="InvalidDataException"/> for bytes that are none.</summary>
    public static Transaction Read(KeptTransaction kept) =>
        kept.Form == TransactionForm.Json
            ? ChainJson.Deserialize<Transaction>(kept.Json) ?? throw new InvalidDataException("a kept transaction's JSON is null")
            : TxEncoding.Decode(kept.Bytes);

    /// <summary>The transaction's JSON, whichever form it is kept in.</summary>
    public static string Json(KeptTransaction kept) =>
        kept.Form == TransactionForm.Json ? kept.Json : ChainJson.Serialize(TxEncoding.Decode(kept.Bytes));
}
