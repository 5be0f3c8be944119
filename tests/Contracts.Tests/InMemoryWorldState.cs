using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>World state in a dictionary, for tests of the engine alone.</summary>
internal sealed class InMemoryWorldState : IWorldState
{
    public Dictionary<(string Contract, string Key), string> Values { get; } = new();
    public Dictionary<string, DeployedContract> Contracts { get; } = new();

    public string? GetValue(string contract, string key) => Values.GetValueOrDefault((contract, key));
    public void PutValue(string contract, string key, string value) => Values[(contract, key)] = value;
    public void DeleteValue(string contract, string key) => Values.Remove((contract, key));
    public DeployedContract? GetContract(string id) => Contracts.GetValueOrDefault(id);
    public void PutContract(DeployedContract contract) => Contracts[contract.Id] = contract;
}
