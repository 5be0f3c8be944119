using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;

namespace ActorVm.Host.Cli;

/// <summary>iwallet's habits: key new, account new / import / show / list, with a local keystore.</summary>
internal static class AccountCommands
{
    public static IEnumerable<Command> Create() => [Key(), Account()];

    private static Command Key()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "ed25519 or secp256k1", DefaultValueFactory = _ => "ed25519" };
        var create = new Command("new", "Make a key pair and print it (base58, as IOST writes keys)") { algorithm, ClientCommands.Json };
        create.SetAction(r =>
        {
            var chosen = KeyAlgorithms.Parse(r.GetValue(algorithm)!) ?? throw new CliException("--algorithm is ed25519 or secp256k1");
            var key = KeyPair.Generate(chosen);
            Console.WriteLine(r.GetValue(ClientCommands.Json)
                ? JsonSerializer.Serialize(new { algorithm = chosen.Name(), publicKey = key.PublicKeyBase58, secretKey = key.SecretBase58 })
                : $"algorithm  {chosen.Name()}\npublic     {key.PublicKeyBase58}\nsecret     {key.SecretBase58}");
            return 0;
        });
        return new Command("key", "Keys") { create };
    }

    private static Command Account()
    {
        var name = new Argument<string>("name") { Description = "the account name (5-11 of a-z, 0-9, _)" };
        var creator = new Option<string>("--creator") { Description = "the account that signs the account up and pays", DefaultValueFactory = _ => "admin" };
        var create = new Command("new", "Make a key, keep it in the keystore and sign the account up on chain (auth.iost signUp)")
            { name, creator, Signing.Keystore, ClientCommands.Url, ClientCommands.Json };
        create.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var keystore = Keystore.Open(r.GetValue(Signing.Keystore));
            var (account, payer) = (r.GetValue(name)!, r.GetValue(creator)!);
            if (keystore.Holds(account)) throw new CliException($"the keystore already holds a key for {account}");
            var key = KeyPair.Generate();
            var signUp = new TxAction("auth.iost", "signUp", JsonSerializer.Serialize(new[] { account, key.PublicKeyBase58, key.PublicKeyBase58 }));
            keystore.Save(account, key, Keystore.Passphrase(confirm: true));
            // The creator signs with its own key when the keystore holds it; a dev node signs for it otherwise.
            var receipt = keystore.Holds(payer)
                ? await Signing.SignAndSend(r, client, payer, [], null, signUp)
                : await Progress.While("waiting for the block", client.Post("/v1/transactions?wait=true",
                    new { publisher = payer, actions = new[] { new { contract = signUp.Contract, actionName = signUp.ActionName, data = signUp.Data } } }));
            return ClientCommands.CliOutput.ForReceipt(receipt, r.GetValue(ClientCommands.Json) ? receipt.ToJsonString()
                : $"account {account}\npublic   {key.PublicKeyBase58} (owner and active; secret in {keystore.Folder})\n{Progress.Describe(receipt)}");
        }));

        var secret = new Argument<string>("secret") { Description = "the secret key in base58, or - to read it from standard input" };
        var algorithm = new Option<string>("--algorithm") { Description = "ed25519 or secp256k1", DefaultValueFactory = _ => "ed25519" };
        var import = new Command("import", "Keep an existing account's secret key in the keystore") { name, secret, algorithm, Signing.Keystore };
        import.SetAction(r =>
        {
            try
            {
                var text = r.GetValue(secret) == "-" ? Console.In.ReadLine()?.Trim() ?? "" : r.GetValue(secret)!;
                var chosen = KeyAlgorithms.Parse(r.GetValue(algorithm)!) ?? throw new CliException("--algorithm is ed25519 or secp256k1");
                var key = KeyPair.FromBase58(chosen, text);
                var keystore = Keystore.Open(r.GetValue(Signing.Keystore));
                keystore.Save(r.GetValue(name)!, key, Keystore.Passphrase(confirm: true));
                Console.WriteLine($"{r.GetValue(name)}  {key.PublicKeyBase58}  kept in {keystore.Folder}");
                return 0;
            }
            catch (Exception e) when (e is CliException or FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"actorvm: {e.Message}");
                return 1;
            }
        });

        var show = new Command("show", "Show an account's permissions and iost balance") { name, ClientCommands.Url, ClientCommands.Json };
        show.SetAction((r, _) => ClientCommands.Run(r, async client =>
        {
            var account = await client.Get($"/v1/accounts/{Uri.EscapeDataString(r.GetValue(name)!)}");
            if (r.GetValue(ClientCommands.Json)) return account.ToJsonString();
            var lines = new List<string> { $"account  {account["id"]}{(account["stored"]?.GetValue<bool>() == true ? "" : " (implied: no account is stored under this name)")}", $"balance  {account["balance"]} iost" };
            foreach (var (permission, p) in account["permissions"]!.AsObject())
            {
                var items = p!["items"]!.AsArray().Select(i => $"{i!["id"]}{(i["is_key_pair"]?.GetValue<bool>() == true ? "" : "@" + i["permission"])} ({i["weight"]})");
                lines.Add($"{permission,-8} threshold {p["threshold"]}: {string.Join(", ", items)}");
            }
            return string.Join("\n", lines);
        }));

        var list = new Command("list", "List the accounts whose keys the keystore holds") { Signing.Keystore };
        list.SetAction(r =>
        {
            var keystore = Keystore.Open(r.GetValue(Signing.Keystore));
            foreach (var account in keystore.Accounts()) Console.WriteLine($"{account,-12} {keystore.PublicKey(account)}");
            return 0;
        });
        return new Command("account", "Accounts and the keystore") { create, import, show, list };
    }
}
