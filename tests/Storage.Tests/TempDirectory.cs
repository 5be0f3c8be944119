namespace ActorVm.Storage.Tests;

/// <summary>A fresh directory deleted at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("actorvm-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
