namespace ActorVm.EndToEnd;

/// <summary>`actorvm test`: contract tests run against the engine and in-memory state, with no node.</summary>
public sealed class LocalContractTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _work = Directory.CreateTempSubdirectory("actorvm-localtest-").FullName;

    private static string Repository => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ActorVmCommand.Executable)!, "../../../../.."));

    [Fact]
    public async Task The_example_project_passes_its_tests()
    {
        var (code, output, errors) = await ActorVmCommand.RunAsync(Patience, "test", Path.Combine(Repository, "examples", "tipjar"));

        Assert.True(code == 0, output + errors);
        Assert.Contains("4 passed, 0 failed", output);
    }

    [Fact]
    public async Task A_failing_test_exits_1_and_shows_why_with_the_contracts_console_lines()
    {
        await File.WriteAllTextAsync(Path.Combine(_work, "echo.js"), """
            class Echo {
              init() {}
              /** @param {number} n */
              say(n) { console.log('saying', n); return n * 2; }
            }
            module.exports = Echo;
            """);
        await File.WriteAllTextAsync(Path.Combine(_work, "echo.test.js"), """
            test('doubles', () => {
              const echo = chain.deploy('echo.js');
              expect(chain.call(echo, 'say', [2]).value).toBe(4);
            });
            test('is wrong on purpose', () => {
              const echo = chain.deploy('echo.js');
              expect(chain.call(echo, 'say', [3], { as: 'alice' }).value).toBe(7);
            });
            """);

        var (code, output, _) = await ActorVmCommand.RunAsync(Patience, "test", _work);

        Assert.Equal(1, code);
        Assert.Contains("\u2713 doubles", output);
        Assert.Contains("\u2717 is wrong on purpose", output);
        Assert.Contains("expected 6 to be 7", output);
        Assert.Contains(": saying 3", output);
        Assert.Contains("1 passed, 1 failed", output);
    }

    [Fact]
    public async Task No_test_files_is_said_in_one_line()
    {
        var (code, _, errors) = await ActorVmCommand.RunAsync(Patience, "test", _work);

        Assert.Equal(1, code);
        Assert.Equal("actorvm: no *.test.js files found", errors.Trim());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
