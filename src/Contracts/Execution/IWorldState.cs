using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The state one transaction runs against. Its writes belong to that transaction alone until its
/// owner commits them; the owner drops them whole when the transaction fails. Savepoints let a
/// failed nested call undo only its own writes.
/// </summary>
public interface IWorldState
{
    string? GetValue(string contract, string key);
    void PutValue(string contract, string key, string value);
    void DeleteValue(string contract, string key);

    string? MapGet(string contract, string key, string field);
    /// <summary>Puts a field; answers how many fields the map's field list held when it was rewritten (0 when it was not).</summary>
    int MapPut(string contract, string key, string field, string value);

    /// <summary>Deletes a field; answers how many fields the rewritten field list holds (0 when nothing was deleted).</summary>
    int MapDelete(string contract, string key, string field);

    /// <summary>The map's fields in insertion order.</summary>
    IReadOnlyList<string> MapKeys(string contract, string key);

    DeployedContract? GetContract(string id);
    void PutContract(DeployedContract contract);

    /// <summary>A native token balance as a decimal string, or null for none.</summary>
    string? GetBalance(string token, string account);
    void SetBalance(string token, string account, string amount);

    int Savepoint();
    void RollbackTo(int savepoint);
}
