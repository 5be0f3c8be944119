namespace ActorVm.Storage.RocksDb;

/// <summary>An error reported by RocksDB; the message is RocksDB's own.</summary>
public sealed class RocksDbException(string message) : Exception(message);
