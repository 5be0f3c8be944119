using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using ActorVm.Contracts.Signing;

namespace ActorVm.Contracts.Tests.Genesis;

/// <summary>
/// A production chain started from go-iost's genesis (its nine contracts and IOST's local node
/// configuration), then one signed transaction per block, each block ten seconds after the last.
/// A failed transaction's writes are dropped, as a node drops them.
/// </summary>
internal sealed class IostChain : IDisposable
{
    /// <summary>IOST's local node admin (and foundation) key: go-iost's config/dev_admin_key.json.</summary>
    public static readonly KeyPair Admin = KeyPair.FromBase58(KeyAlgorithm.Ed25519, GenesisConfig.IostDevAdminSecret);

    /// <summary>producer000's key: go-iost's config/iserver.yml.</summary>
    public static readonly KeyPair Producer = KeyPair.FromBase58(KeyAlgorithm.Ed25519,
        "1rANSfcRzr4HkhbUFZ7L1Zp69JZZHiDDq5v7dNSbbEqeU4jxy3fszV4HGiaLQEyqVpS1dKT9g7zCVRxBVzuiUzB");

    private readonly ChainRules _rules;
    private readonly ContractHarness _harness;
    private long _height;

    /// <summary>As a node started from go-iost's genesis folder: production rules, and publishers pay for gas and RAM.</summary>
    public IostChain()
        : this(GenesisTransaction.Build(GenesisConfig.IostLocal, GenesisContracts.Load(IostGenesisFolder.Path!), Transaction.DefaultChainId),
            ChainRules.Production with { ChargesGas = true })
    {
    }

    private IostChain(Transaction genesis, ChainRules rules)
    {
        _rules = rules;
        _harness = new(ExecutionLimits.Default with { Chain = rules });
        Time = GenesisConfig.IostLocal.TimeNanos;
        var receipt = _harness.Record(_harness.Executor.Execute(genesis, World, new BlockContext(0, "", "0", Time)));
        Assert.True(receipt.Status.Code == StatusCode.Success, receipt.Status.Message);
    }

    /// <summary>As a dev node starts: the embedded dev genesis on our built-in contracts, nothing charged.</summary>
    public static IostChain Dev() => new(DevGenesis.Build(GenesisConfig.IostLocal, Transaction.DefaultChainId), ChainRules.Production);

    public InMemoryWorldState World => _harness.World;
    public long Time { get; private set; }
    public List<string> Logs => _harness.Logs;

    /// <summary>Lets time pass without a transaction.</summary>
    public void Wait(TimeSpan span) => Time += (long)span.TotalNanoseconds;

    /// <summary>One transaction in the next block, published (and signed) by <paramref name="publisher"/> with its key.</summary>
    public Receipt Send(string publisher, KeyPair key, params TxAction[] actions) => Send(publisher, key, [], actions);

    /// <summary>
    /// With signers (<c>id@permission</c>, signed by the same key): IOST's contracts see only the signer
    /// list and the publisher's active, so owner methods need <c>id@owner</c> among the signers.
    /// </summary>
    public Receipt Send(string publisher, KeyPair key, string[] signers, params TxAction[] actions) => Send(publisher, key, signers, GasLimit, actions);

    /// <summary>The gas limit of the transactions sent: a new account's pledge gives 1,000,000 gas per 10 IOST at once.</summary>
    public const long GasLimit = 1_000_000;

    public Receipt Send(string publisher, KeyPair key, string[] signers, long gasLimit, params TxAction[] actions)
    {
        Time += 10_000_000_000;
        var tx = new Transaction(Time, Time + ChainRules.MaxTxAgeNanos, gasLimit, publisher, signers, actions)
        {
            AmountLimit = [new AmountLimit("*", "unlimited")],
        };
        if (signers.Length > 0) tx = tx.SignedBy(key);
        tx = tx.SignedAsPublisher(key);
        var block = new BlockContext(++_height, "parent", "producer000", Time);
        // As a node does before running it: signatures, signers' and publisher's permissions.
        if (TransactionAuthorization.Problem(tx, block, World, _rules) is { } refused)
            return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, refused);
        var savepoint = World.Savepoint();
        var receipt = _harness.Record(_harness.Executor.Execute(tx, World, block));
        // As a node keeps them: a failed transaction's gas payment and nothing else.
        if (receipt.Status.Code != StatusCode.Success && receipt.GasPaid is null) World.RollbackTo(savepoint);
        return receipt;
    }

    public Receipt SendOk(string publisher, KeyPair key, params TxAction[] actions) => SendOk(publisher, key, [], actions);

    public Receipt SendOk(string publisher, KeyPair key, string[] signers, params TxAction[] actions)
    {
        var receipt = Send(publisher, key, signers, actions);
        Assert.True(receipt.Status.Code == StatusCode.Success, $"{receipt.Status.Code}: {receipt.Status.Message}");
        return receipt;
    }

    public static TxAction Action(string contract, string method, params object[] args) => new(contract, method, JsonSerializer.Serialize(args));

    /// <summary>A read through a contract method, as a query would run it (its writes dropped).</summary>
    public string Balance(string token, string account) => World.GetBalance(token, account) ?? "0";

    public string? Get(string contract, string key) => World.GetValue(contract, key);

    public string? MapGet(string contract, string key, string field) => World.MapGet(contract, key, field);

    /// <summary>Signs up an account with a new key as IOST's SDK does (signUp, a RAM buy and a gas pledge), paid by admin.</summary>
    public KeyPair NewAccount(string id, long ram = 1000, string gas = "10")
    {
        var key = KeyPair.Generate();
        SendOk("admin", Admin,
            Action("auth.iost", "signUp", id, key.PublicKeyBase58, key.PublicKeyBase58),
            Action("ram.iost", "buy", "admin", id, ram),
            Action("gas.iost", "pledge", "admin", id, gas));
        return key;
    }

    /// <summary>Deploys a class body as a contract whose methods take json arguments; answers the contract id.</summary>
    public string Deploy(string publisher, KeyPair key, string body, params (string Name, int Args)[] methods)
    {
        var code = $"class C {{\n{body}\n}}\nmodule.exports = C;";
        var receipt = SendOk(publisher, key, Action("system.iost", "setCode", code, ContractHarness.AbiOf(methods)));
        return JsonSerializer.Deserialize<string>(receipt.Returns[0])!;
    }

    public long Ram(string account) => long.Parse(Balance("ram", account), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _harness.Dispose();
}
