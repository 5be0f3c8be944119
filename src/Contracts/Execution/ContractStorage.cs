using ActorVm.Contracts.Api;

namespace ActorVm.Contracts.Execution;

/// <summary>One contract's view of the world state: what its JS <c>storage</c> reads and writes.</summary>
public sealed class ContractStorage(IWorldState world, string contract) : IContractState
{
    public string? Get(string key) => world.GetValue(contract, key);
    public bool Has(string key) => world.GetValue(contract, key) is not null;
    public void Put(string key, string value) => world.PutValue(contract, key, value);
    public void Delete(string key) => world.DeleteValue(contract, key);
}
