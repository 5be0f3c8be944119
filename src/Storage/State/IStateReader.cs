namespace ActorVm.Storage.State;

/// <summary>Reads state values by key; null when absent.</summary>
public interface IStateReader
{
    string? Get(string key);
}

/// <summary>Reads and writes state values; a null write is a delete.</summary>
public interface IStateStore : IStateReader
{
    void Put(string key, string value);
    void Delete(string key);
}
