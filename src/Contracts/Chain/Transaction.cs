using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorVm.Contracts.Signing;

namespace ActorVm.Contracts.Chain;

/// <summary>One call inside a transaction; Data is a JSON array of the arguments, as a string.</summary>
public sealed record TxAction(string Contract, string ActionName, string Data)
{
    private Parsed? _parsed;

    private sealed record Parsed(IReadOnlyList<JsonElement>? Arguments);

    /// <summary>
    /// Data parsed once, for every check that looks at it: the array's elements, or null when Data is
    /// not a JSON array (the format check refuses such an action).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<JsonElement>? Arguments => (_parsed ??= new Parsed(ParseArguments(Data))).Arguments;

    // Data this long is transcoded on the stack; longer (a deploy's code) in a rented buffer.
    private const int StackTranscoded = 512;

    private static IReadOnlyList<JsonElement>? ParseArguments(string? data)
    {
        // Text that is not valid UTF-16 has no JSON reading (what JsonDocument.Parse refuses too).
        if (data is null || !Transaction.IsValidText(data)) return null;
        var most = Encoding.UTF8.GetMaxByteCount(data.Length);
        byte[]? rented = null;
        Span<byte> utf8 = most <= StackTranscoded ? stackalloc byte[StackTranscoded] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var length = Encoding.UTF8.GetBytes(data, utf8);
            // One compact document of the value (a pooled parse and a clone of it cost twice as much),
            // then nothing but whitespace after it: a second value or trailing text is refused.
            var reader = new Utf8JsonReader(utf8[..length]);
            var root = JsonElement.ParseValue(ref reader);
            if (reader.Read()) return null;
            if (root.ValueKind != JsonValueKind.Array) return null;
            var arguments = new JsonElement[root.GetArrayLength()];
            var i = 0;
            foreach (var argument in root.EnumerateArray()) arguments[i++] = argument;
            return arguments;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public bool Equals(TxAction? other) => other is not null && Contract == other.Contract && ActionName == other.ActionName && Data == other.Data;

    public override int GetHashCode() => HashCode.Combine(Contract, ActionName, Data);
}

/// <summary>An amount a transaction allows a token to leave its signers' accounts (IOST's amount_limit).</summary>
public sealed record AmountLimit(string Token, string Value);

/// <summary>
/// A transaction in IOST's format. Times are Unix nanoseconds; GasRatio is in hundredths (IOST's
/// internal unit), GasLimit in this chain's gas units. Signers are <c>id@permission</c>; their
/// signatures sign the base hash, the publisher's sign the publish hash (IOST's two levels).
/// </summary>
public sealed record Transaction(
    long Time,
    long Expiration,
    long GasLimit,
    string Publisher,
    IReadOnlyList<string> Signers,
    IReadOnlyList<TxAction> Actions)
{
    public const uint DefaultChainId = 1024;

    private byte[]? _hash;
    private string? _hashText;
    private byte[]? _baseHash;
    private string? _replayKey;
    private byte[]? _publishHash;
    private TxSigning? _signing;

    public long GasRatio { get; init; } = 100;

    public long Delay { get; init; }

    public uint ChainId { get; init; } = DefaultChainId;

    public IReadOnlyList<AmountLimit> AmountLimit { get; init; } = [];

    public IReadOnlyList<Signature> Signatures { get; init; } = [];

    public IReadOnlyList<Signature> PublisherSigs { get; init; } = [];

    /// <summary>A copy made by <c>with</c> computes its hashes and checks its signatures afresh.</summary>
    private Transaction(Transaction original)
    {
        (Time, Expiration, GasLimit, Publisher, Signers, Actions) =
            (original.Time, original.Expiration, original.GasLimit, original.Publisher, original.Signers, original.Actions);
        (GasRatio, Delay, ChainId, AmountLimit, Signatures, PublisherSigs) =
            (original.GasRatio, original.Delay, original.ChainId, original.AmountLimit, original.Signatures, original.PublisherSigs);
    }

    /// <summary>
    /// Null when every field holds text that can be encoded (no null, no lone UTF-16 surrogate, as a
    /// JSON escape such as "\ud800" can produce), else what is wrong. Only such a transaction has a hash.
    /// </summary>
    public string? TextProblem()
    {
        if (Publisher is null || Signers is null || Actions is null) return "publisher, signers and actions are required";
        if (AmountLimit is null || Signatures is null || PublisherSigs is null) return "amount_limit, signatures and publisher_sigs must be lists";
        if (!IsValidText(Publisher)) return "publisher is not valid Unicode text";
        if (Signers.Any(s => !IsValidText(s))) return "every signer must be valid Unicode text";
        for (var i = 0; i < Actions.Count; i++)
        {
            var a = Actions[i];
            if (a is null || !IsValidText(a.Contract) || !IsValidText(a.ActionName) || !IsValidText(a.Data))
                return $"action {i}: contract, actionName and data must be valid Unicode text";
        }
        if (AmountLimit.Any(a => a is null || !IsValidText(a.Token) || !IsValidText(a.Value))) return "every amount_limit needs a token and a value";
        if (Signatures.Any(s => s is null) || PublisherSigs.Any(s => s is null)) return "a signature is missing";
        return null;
    }

    /// <summary>Not null and free of lone surrogates.</summary>
    public static bool IsValidText(string? s)
    {
        if (s is null) return false;
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (!char.IsHighSurrogate(s[i]) || i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>SHA3-256 of IOST's full encoding, signatures and publisher included: the transaction's id.</summary>
    [JsonIgnore]
    public byte[] HashBytes
    {
        get
        {
            if (_hash is { } hash) return hash;
            if (_baseHash is not null) return _hash = TxEncoding.Hash(this, TxEncoding.Level.Full);
            // The base hash (the replay key) is asked for at submission with this one: both from one encoding.
            var hashes = TxEncoding.Hashes(this, [TxEncoding.Level.Base, TxEncoding.Level.Full]);
            _baseHash = hashes[0];
            return _hash = hashes[1];
        }
    }

    public string Hash => _hashText ??= Base58.Encode(HashBytes);

    /// <summary>
    /// What makes a transaction the same one again: its base hash (base58), which no signature, added
    /// or repeated, and no change of publisher alters. A transaction's content runs once.
    /// </summary>
    [JsonIgnore]
    public string ReplayKey => _replayKey ??= Base58.Encode(BaseHash);

    /// <summary>What signers sign: everything but signatures and the publisher.</summary>
    [JsonIgnore]
    public byte[] BaseHash => _baseHash ??= TxEncoding.Hash(this, TxEncoding.Level.Base);

    /// <summary>What the publisher signs: the base and the signers' signatures.</summary>
    [JsonIgnore]
    public byte[] PublishHash => _publishHash ??= TxEncoding.Hash(this, TxEncoding.Level.Publish);

    /// <summary>
    /// The keys whose signatures verify, checked once per transaction object (wherever first asked:
    /// at admission, or in a lane of a block from elsewhere) since the answer depends on its bytes alone.
    /// </summary>
    [JsonIgnore]
    public TxSigning Signing => _signing ??= TxSigning.Verify(this);

    /// <summary>
    /// The permissions the transaction was signed with, as a contract's requireAuth sees them: each
    /// well-formed signer (id@permission) and the publisher's active. Worked out once per transaction.
    /// </summary>
    [JsonIgnore]
    public SignedPermissions SignedPermissions => new(Publisher, Signers);

    /// <summary>This transaction with the publisher's signature added; its signing needs no second check.</summary>
    public Transaction SignedAsPublisher(KeyPair key) => WithPublisherSignature(key.Sign(PublishHash));

    /// <summary>Each transaction with the publisher's signature added, signed together (<see cref="KeyPair.SignAll"/>).</summary>
    public static Transaction[] SignedAsPublisher(IReadOnlyList<Transaction> txs, KeyPair key)
    {
        var hashes = new byte[txs.Count][];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = txs[i].PublishHash;
        var signatures = key.SignAll(hashes);
        var signed = new Transaction[txs.Count];
        for (var i = 0; i < signed.Length; i++) signed[i] = txs[i].WithPublisherSignature(signatures[i]);
        return signed;
    }

    /// <summary>Only for a signature this class just made of <see cref="PublishHash"/>: the copy's signing is not checked again.</summary>
    private Transaction WithPublisherSignature(Signature signature)
    {
        // The publisher's signatures are in neither the base nor the publish encoding: the copy keeps those hashes.
        var signed = this with { PublisherSigs = [.. PublisherSigs, signature] };
        (signed._baseHash, signed._replayKey, signed._publishHash) = (_baseHash, _replayKey, _publishHash);
        if (Signing is { Problem: null } checkedBefore) signed._signing = checkedBefore.WithPublisherKey(signature.KeyId);
        return signed;
    }

    /// <summary>This transaction with a signer's signature added.</summary>
    public Transaction SignedBy(KeyPair key) => this with { Signatures = [.. Signatures, key.Sign(BaseHash)] };
}
