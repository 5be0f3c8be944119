namespace ActorVm.Contracts.Api;

/// <summary>The storage of the one contract a call runs in; keys are already validated.</summary>
public interface IContractState
{
    string? Get(string key);
    bool Has(string key);
    void Put(string key, string value);
    void Delete(string key);
}
