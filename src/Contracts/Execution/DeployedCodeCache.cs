using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Parsed forms of deployed contracts, by contract id: the source with its hash and the ABI, so that
/// a call neither re-parses nor re-hashes them. An entry is used only while the stored text is the
/// same (updateCode changes it: the entry is then replaced). Bounded: it is cleared when full.
/// </summary>
public sealed class DeployedCodeCache(int capacity)
{
    private readonly Dictionary<string, (string Text, ContractSource Parsed)> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, ContractAbi Parsed)> _abis = new(StringComparer.Ordinal);

    public ContractSource Source(string contractId, string storedCode) => Memo(_sources, contractId, storedCode, ContractSource.Parse);

    /// <summary>The parsed ABI; throws <see cref="AbiException"/> for one that does not parse (never cached).</summary>
    public ContractAbi Abi(string contractId, string abiJson) => Memo(_abis, contractId, abiJson, ContractAbi.Parse);

    private TValue Memo<TValue>(Dictionary<string, (string Text, TValue Parsed)> memo, string contractId, string text, Func<string, TValue> parse)
    {
        // Comparing the text (by reference first) is far cheaper than hashing a large contract's code.
        if (memo.TryGetValue(contractId, out var known) && (ReferenceEquals(known.Text, text) || known.Text == text)) return known.Parsed;
        var parsed = parse(text);
        if (memo.Count >= capacity) memo.Clear();
        memo[contractId] = (text, parsed);
        return parsed;
    }
}
