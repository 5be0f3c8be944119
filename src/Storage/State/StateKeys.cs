namespace ActorVm.Storage.State;

/// <summary>
/// The key layout of the database, in one place. Contract ids never hold '/', so "v/{contract}/"
/// is a prefix of exactly one contract's values even though keys themselves may hold '/'.
/// State keys (v/, c/) are covered by the state root; record keys (r/) and meta keys are not.
/// </summary>
public static class StateKeys
{
    /// <summary>A contract's storage value.</summary>
    public static string Value(string contract, string key) => $"v/{contract}/{key}";

    /// <summary>A deployed contract: code, ABI and owner, as JSON.</summary>
    public static string Contract(string id) => $"c/{id}";

    /// <summary>A transaction receipt, as JSON.</summary>
    public static string Receipt(string txHash) => $"r/{txHash}";

    public const string Height = "meta/height";
    public const string Root = "meta/root";
}
