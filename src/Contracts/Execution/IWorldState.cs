using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The state one transaction runs against. Its writes belong to that transaction alone until its
/// owner commits them; the owner drops them whole when the transaction fails.
/// </summary>
public interface IWorldState
{
    string? GetValue(string contract, string key);
    void PutValue(string contract, string key, string value);
    void DeleteValue(string contract, string key);
    DeployedContract? GetContract(string id);
    void PutContract(DeployedContract contract);
}
