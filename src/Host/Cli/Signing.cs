using System.CommandLine;
using System.Text.Json.Nodes;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Host.Api;
using ActorVm.Host.Gateway;

namespace ActorVm.Host.Cli;

/// <summary>
/// Signing on this machine, as iwallet does: --account names the publisher, whose key (and each
/// --signer's that the keystore holds) signs the transaction before it leaves; the node never sees a secret.
/// </summary>
internal static class Signing
{
    public static readonly Option<string?> Account = new("--account") { Description = "sign as this account with its key from the keystore" };
    public static readonly Option<string?> Keystore = new("--keystore") { Description = "the keystore folder (default $ACTORVM_KEYSTORE or ~/.actorvm/keystore)" };

    /// <summary>A transaction of these actions, for the node's chain, signed by the publisher and the signers whose keys are here.</summary>
    public static Transaction Sign(Keystore keystore, string publisher, IReadOnlyList<string> signers, long? gasLimit, uint chainId, params TxAction[] actions)
    {
        var tx = TransactionRequest.Create(publisher, signers, gasLimit ?? TransactionRequest.DefaultGasLimit, actions, chainId);
        return Signed(keystore, tx);
    }

    /// <summary>Adds the signatures the keystore can make: each signer's it holds, then the publisher's.</summary>
    public static Transaction Signed(Keystore keystore, Transaction tx)
    {
        var passphrase = (string?)null;
        KeyPair Key(string account) => keystore.Load(account, passphrase ??= Cli.Keystore.Passphrase());
        foreach (var signer in tx.Signers.Select(s => s.Split('@')[0]).Distinct().Where(keystore.Holds)) tx = tx.SignedBy(Key(signer));
        return tx.SignedAsPublisher(Key(tx.Publisher));
    }

    public static async Task<JsonNode> SignAndSend(ParseResult r, NodeClient client, string account, IReadOnlyList<string> signers, long? gas, params TxAction[] actions)
    {
        var status = await client.Get("/v1/status");
        var chainId = status["chainId"]?.GetValue<uint>() ?? Transaction.DefaultChainId;
        var tx = Sign(Cli.Keystore.Open(r.GetValue(Keystore)), account, signers, gas, chainId, actions);
        return await Progress.While("waiting for the block", client.PostText("/v1/transactions?wait=true", IostTransactionJson.Write(tx)));
    }
}
