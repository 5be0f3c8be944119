using System.Globalization;
using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Genesis;

/// <summary>
/// The genesis block's one transaction, as go-iost's consensus/genesis/genesis.go builds it: the
/// contracts under their names and their initialisation, in its order. It runs with every authority
/// (block 0) and is published by the dead account, which no key governs.
/// </summary>
public static class GenesisTransaction
{
    /// <summary>go-iost's dead account: it publishes the genesis and receives RAM fees; its keys are "0", which no key matches.</summary>
    public const string DeadAccount = "deadaddr";

    /// <summary>RAM go-iost's genesis issues and what it gives out (bytes).</summary>
    public const long InitialRam = 128L * 1024 * 1024 * 1024;
    public const long RamIncreaseInterval = 10 * 60;
    public const long RamIncreaseAmount = 10 * (64L * 1024 * 1024 * 1024) / (365 * 24 * 60);
    public const long ReserveRam = InitialRam * 3 / 10;
    public const long InitialAccountRam = 100_000;

    /// <summary>IOST pledged for gas to admin, foundation and each producer.</summary>
    public const int GasPledge = 100;

    public const long GasLimit = 1_000_000_000;

    public static Transaction Build(GenesisConfig config, GenesisContracts contracts, uint chainId)
    {
        var admin = config.Admin;
        var actions = new List<TxAction>();
        void Add(string contract, string method, params object[] args) => actions.Add(new TxAction(contract, method, JsonSerializer.Serialize(args)));
        void Deploy(string name, string file) => Add("system.iost", "initSetCode", name, contracts.ContractJson(file));
        string Str(long n) => n.ToString(CultureInfo.InvariantCulture);

        Add("system.iost", "initSetCode", "token.iost", "");
        Add("system.iost", "initSetCode", "token721.iost", "");
        Add("system.iost", "initSetCode", "gas.iost", "");
        Deploy("issue.iost", "issue.js");
        var holders = config.Witnesses.Append(admin).Select(GenesisConfig.GoWitness).ToArray();
        actions.Add(new TxAction("issue.iost", "initGenesis",
            $"[{JsonSerializer.Serialize(admin.Id)},{config.TokenInfoJson},{JsonSerializer.Serialize(holders)}]"));
        Deploy("auth.iost", "account.js");
        Add("auth.iost", "initAdmin", admin.Id);
        Add("system.iost", "initSetCode", "domain.iost", "");
        Add("auth.iost", "signUp", admin.Id, admin.Owner, admin.Active);
        Add("auth.iost", "signUp", config.Foundation.Id, config.Foundation.Owner, config.Foundation.Active);
        foreach (var w in config.Witnesses) Add("auth.iost", "signUp", w.Id, w.Owner, w.Active);
        Add("auth.iost", "signUp", DeadAccount, "0", "0");
        Deploy("bonus.iost", "bonus.js");
        Add("bonus.iost", "initAdmin", admin.Id);
        Deploy("vote.iost", "vote_common.js");
        Add("vote.iost", "initAdmin", admin.Id);
        Deploy("vote_producer.iost", "vote_producer.js");
        Add("vote_producer.iost", "initAdmin", admin.Id);
        Deploy("base.iost", "base.js");
        Add("base.iost", "initAdmin", admin.Id);
        Deploy("exchange.iost", "exchange.js");
        foreach (var w in config.Witnesses) Add("vote_producer.iost", "initProducer", w.Id, w.SignatureBlock);
        Add("gas.iost", "pledge", admin.Id, admin.Id, Str(GasPledge));
        Deploy("ram.iost", "ram.js");
        Add("ram.iost", "initAdmin", admin.Id);
        actions.Add(new TxAction("ram.iost", "issue", $"[{InitialRam}, {RamIncreaseInterval}, {RamIncreaseAmount}, {ReserveRam}]"));
        actions.Add(new TxAction("ram.iost", "buy", $"[{JsonSerializer.Serialize(admin.Id)}, {JsonSerializer.Serialize(admin.Id)}, {InitialAccountRam}]"));
        Add("token.iost", "transfer", "ram", "ram.iost", config.Foundation.Id, Str(ReserveRam), "");
        foreach (var w in config.Witnesses)
            actions.Add(new TxAction("ram.iost", "buy", $"[{JsonSerializer.Serialize(admin.Id)}, {JsonSerializer.Serialize(w.Id)}, {InitialAccountRam}]"));
        Add("gas.iost", "pledge", admin.Id, config.Foundation.Id, Str(GasPledge));
        foreach (var w in config.Witnesses) Add("gas.iost", "pledge", admin.Id, w.Id, Str(GasPledge));

        return new Transaction(0, 0, GasLimit, DeadAccount, [], actions)
        {
            ChainId = chainId,
            AmountLimit = [new AmountLimit("*", "unlimited")],
        };
    }
}
