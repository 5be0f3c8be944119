using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// The contracts a lane's transactions call, as the lane's state holds them: three reads once per lane
/// instead of once per transaction (a tenth of a transfer's work in a lane). Emptied whenever a
/// transaction of the lane writes any contract's record, so it never holds what the lane's state does not.
/// </summary>
public sealed class LaneContracts
{
    private readonly Dictionary<string, DeployedContract?> _known = new(StringComparer.Ordinal);

    public bool TryGet(string id, out DeployedContract? contract) => _known.TryGetValue(id, out contract);

    public void Remember(string id, DeployedContract? contract) => _known[id] = contract;

    /// <summary>Takes note of a transaction's writes as the lane's state takes them.</summary>
    public void Saw(WriteSet writes)
    {
        if (_known.Count == 0) return;
        foreach (var (key, _) in writes)
        {
            if (!StateKeys.IsContractRecord(key)) continue;
            _known.Clear();
            return;
        }
    }
}
