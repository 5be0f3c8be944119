using System.CommandLine;
using ActorVm.Host.Cli;

var root = new RootCommand("ActorVm: JavaScript smart contracts in V8, run by actors") { NodeCommand.Create() };
foreach (var command in ClientCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(ActorVm.Host.Bench.BenchCommand.Create());
root.Subcommands.Add(ClusterCommands.Create());
return await root.Parse(args).InvokeAsync();
