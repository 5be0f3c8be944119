using System.Text;

namespace ActorVm.Storage.State;

/// <summary>How a record keeps its transaction.</summary>
public enum TransactionForm : byte
{
    /// <summary>Its JSON, as UTF-8 (records written before IOST's encoding was kept, and tools').</summary>
    Json = 1,
    /// <summary>IOST's binary encoding at its full level (go-iost's ToBytes): what its hash is taken over.</summary>
    IostEncoding = 2,
}

/// <summary>
/// A transaction as a record keeps it. The store does not read it: the layer that knows transactions
/// turns the encoding back into one.
/// </summary>
public sealed class KeptTransaction(TransactionForm form, byte[] bytes) : IEquatable<KeptTransaction>
{
    public TransactionForm Form { get; } = Enum.IsDefined(form) ? form : throw new ArgumentOutOfRangeException(nameof(form), form, "no such transaction form");

    public byte[] Bytes { get; } = bytes;

    public static KeptTransaction FromJson(string json) => new(TransactionForm.Json, Encoding.UTF8.GetBytes(json));

    /// <summary>The JSON of a transaction kept as JSON.</summary>
    public string Json => Form == TransactionForm.Json
        ? Encoding.UTF8.GetString(Bytes)
        : throw new InvalidOperationException($"the transaction is kept as {Form}, not JSON");

    public bool Equals(KeptTransaction? other) => other is not null && other.Form == Form && other.Bytes.AsSpan().SequenceEqual(Bytes);

    public override bool Equals(object? obj) => Equals(obj as KeptTransaction);

    public override int GetHashCode() => HashCode.Combine(Form, Bytes.Length);
}
