using System.CommandLine;
using ActorVm.Host.Cli;
using ActorVm.Host.Node;

MallocArenas.Limit();
var root = new RootCommand("ActorVm: JavaScript smart contracts in V8, run by actors") { NodeCommand.Create() };
foreach (var command in ClientCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(ActorVm.Host.Bench.BenchCommand.Create());
root.Subcommands.Add(ClusterCommands.Create());
root.Subcommands.Add(ActorVm.Host.LocalTest.TestCommand.Create());
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Environment.GetEnvironmentVariable("ACTORVM_DEBUG") is null or "" or "0")
{
    // Whatever a command did not expect still ends in one line; ACTORVM_DEBUG=1 shows the trace.
    Console.Error.WriteLine($"actorvm: {e.GetBaseException().Message} ({e.GetBaseException().GetType().Name}; ACTORVM_DEBUG=1 shows where)");
    return 1;
}
