namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// go-iost's nine genesis contracts, which the repository does not hold: from ACTORVM_IOST_GENESIS,
/// else ../shared/iost/genesis beside the repository.
/// </summary>
internal static class IostGenesisFolder
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("ACTORVM_IOST_GENESIS") is { Length: > 0 } given) return Directory.Exists(given) ? given : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "ActorVm.sln"))) continue;
            var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "iost", "genesis"));
            return Directory.Exists(shared) ? shared : null;
        }
        return null;
    }
}

/// <summary>A test that needs go-iost's genesis contracts; skipped, saying where they were looked for, when they are absent.</summary>
public sealed class IostGenesisFactAttribute : FactAttribute
{
    public IostGenesisFactAttribute()
    {
        if (IostGenesisFolder.Path is null)
            Skip = "go-iost's genesis contracts are not here: set ACTORVM_IOST_GENESIS or put them in ../shared/iost/genesis beside the repository";
    }
}
