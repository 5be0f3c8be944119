namespace ActorVm.Storage.State;

/// <summary>Reads state values by key; null when absent.</summary>
public interface IStateReader
{
    string? Get(string key);
}
