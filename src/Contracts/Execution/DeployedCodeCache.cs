using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Parsed forms of deployed contracts, by the stored text they come from: the source with its hash
/// and the ABI, so that a call neither re-parses nor re-hashes them. A text that changes (updateCode)
/// is simply a different key. Bounded: it is cleared when full.
/// </summary>
internal sealed class DeployedCodeCache(int capacity)
{
    private readonly Dictionary<string, ContractSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContractAbi> _abis = new(StringComparer.Ordinal);

    public ContractSource Source(string storedCode) => Memo(_sources, storedCode, ContractSource.Parse);

    /// <summary>The parsed ABI; throws <see cref="AbiException"/> for one that does not parse (never cached).</summary>
    public ContractAbi Abi(string abiJson) => Memo(_abis, abiJson, ContractAbi.Parse);

    private TValue Memo<TValue>(Dictionary<string, TValue> memo, string text, Func<string, TValue> parse)
    {
        if (memo.TryGetValue(text, out var known)) return known;
        var parsed = parse(text);
        if (memo.Count >= capacity) memo.Clear();
        memo[text] = parsed;
        return parsed;
    }
}
