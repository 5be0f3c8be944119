using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Genesis;

/// <summary>
/// The embedded dev genesis: IOST's local node accounts and keys (admin, foundation, the producers)
/// on our own built-in contracts under IOST's names, so that tools written for a local IOST node work
/// unchanged. Block 0 creates the iost token and gives admin its balance, signs the accounts up,
/// puts RAM on sale (ram.iost) and buys some for admin and the producers, and pledges gas for each.
/// A dev chain does not charge for gas or RAM; its accounts hold both all the same.
/// </summary>
public static class DevGenesis
{
    public static Transaction Build(GenesisConfig config, uint chainId)
    {
        var actions = new List<TxAction>();
        void Add(string contract, string method, params object[] args) => actions.Add(new TxAction(contract, method, JsonSerializer.Serialize(args)));
        string Str(long n) => n.ToString(CultureInfo.InvariantCulture);

        var admin = config.Admin;
        var holders = config.Witnesses.Append(admin).ToList();
        Add("token.iost", "create", "iost", admin.Id, Str(config.TokenInfo.IostTotalSupply),
            JsonSerializer.Serialize(new { @decimal = config.TokenInfo.IostDecimal, fullName = "IOST" }));
        foreach (var account in new[] { admin, config.Foundation }.Concat(config.Witnesses))
            Add("auth.iost", "signUp", account.Id, account.Owner, account.Active);
        foreach (var holder in holders.Where(h => h.Balance > 0)) Add("token.iost", "issue", "iost", holder.Id, Str(holder.Balance));
        Add("ram.iost", "issue", GenesisTransaction.InitialRam, GenesisTransaction.RamIncreaseInterval, GenesisTransaction.RamIncreaseAmount, 0);
        foreach (var account in config.Witnesses.Prepend(admin)) Add("ram.iost", "buy", admin.Id, account.Id, GenesisTransaction.InitialAccountRam);
        foreach (var account in config.Witnesses.Prepend(config.Foundation).Prepend(admin))
            Add("gas.iost", "pledge", admin.Id, account.Id, Str(GenesisTransaction.GasPledge));

        return new Transaction(0, 0, GenesisTransaction.GasLimit, GenesisTransaction.DeadAccount, [], actions)
        {
            ChainId = chainId,
            AmountLimit = [new AmountLimit("*", "unlimited")],
        };
    }
}
