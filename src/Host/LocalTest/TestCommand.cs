using System.CommandLine;

namespace ActorVm.Host.LocalTest;

/// <summary><c>actorvm test [PATH...]</c>: runs contract test files (*.test.js) against the engine and in-memory state, with no node.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "test files, or folders to search for *.test.js (default: the current folder)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("test", "Run contract tests (*.test.js) locally: the real engine and in-memory state, no node needed") { paths };
        command.SetAction(async (r, _) =>
        {
            try
            {
                var files = TestFiles(r.GetValue(paths) is { Length: > 0 } given ? given : ["."]);
                if (files.Count == 0) throw new Cli.CliException("no *.test.js files found");
                return await TestRunner.RunAsync(files, Console.Out, Console.Error);
            }
            catch (Cli.CliException e)
            {
                Console.Error.WriteLine($"actorvm: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static List<string> TestFiles(IEnumerable<string> paths) => paths.SelectMany<string, string>(p =>
        Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.test.js", SearchOption.AllDirectories).Where(f => !f.Contains("/node_modules/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : File.Exists(p) ? [p] : throw new Cli.CliException($"{p} does not exist"))
        .Select(Path.GetFullPath).ToList();
}
