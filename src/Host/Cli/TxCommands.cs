using System.CommandLine;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;
using ActorVm.Host.Gateway;

namespace ActorVm.Host.Cli;

/// <summary>Offline signing: tx sign turns a transaction file into IOST's signed JSON; tx send submits one.</summary>
internal static class TxCommands
{
    public static Command Create() => new("tx", "Sign transactions offline and send them") { SignCommand(), SendCommand() };

    private static Command SignCommand()
    {
        var file = new Argument<string>("file") { Description = "the transaction: IOST's JSON, or {actions, signers?, gasLimit?}; - for standard input" };
        var chainId = new Option<uint>("--chain-id") { Description = "the chain it is for", DefaultValueFactory = _ => Transaction.DefaultChainId };
        var command = new Command("sign", "Sign a transaction as --account (and each signer whose key is here); prints IOST's signed JSON")
            { file, Signing.Account, chainId, Signing.Keystore };
        command.SetAction(r =>
        {
            try
            {
                var account = r.GetValue(Signing.Account) ?? throw new CliException("--account names the publisher who signs");
                using var doc = JsonDocument.Parse(Read(r.GetValue(file)!));
                var tx = TransactionRequest.Parse(doc.RootElement, long.MaxValue, r.GetValue(chainId));
                // A transaction given in short form is this account's; one in IOST's form keeps its fields.
                if (tx.PublisherSigs.Count > 0) throw new CliException("the transaction is signed by its publisher already");
                tx = Signing.Signed(Keystore.Open(r.GetValue(Signing.Keystore)), tx with { Publisher = account });
                Console.WriteLine(IostTransactionJson.Write(tx));
                return 0;
            }
            catch (ApiException e)
            {
                Console.Error.WriteLine($"actorvm: the transaction is not valid: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is CliException or JsonException or IOException)
            {
                Console.Error.WriteLine($"actorvm: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command SendCommand()
    {
        var file = new Argument<string>("file") { Description = "a signed transaction (IOST's JSON, as tx sign prints it); - for standard input" };
        var noWait = new Option<bool>("--no-wait") { Description = "print the hash at once instead of waiting for the receipt" };
        var command = new Command("send", "Send a signed transaction and print its receipt") { file, noWait, ClientCommands.Url, ClientCommands.Json };
        command.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var text = Read(r.GetValue(file)!);
            if (r.GetValue(noWait))
            {
                var accepted = await client.PostText("/v1/transactions", text);
                return r.GetValue(ClientCommands.Json) ? accepted.ToJsonString() : $"tx {accepted["txHash"]} accepted";
            }
            var receipt = await Progress.While("waiting for the block", client.PostText("/v1/transactions?wait=true", text));
            return ClientCommands.CliOutput.ForReceipt(receipt, r.GetValue(ClientCommands.Json) ? receipt.ToJsonString() : Progress.Describe(receipt));
        }));
        return command;
    }

    private static string Read(string file) => file == "-" ? Console.In.ReadToEnd() : ClientCommands.ReadFile(file);
}
