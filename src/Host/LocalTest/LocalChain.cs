using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Genesis;
using ActorVm.Contracts.Signing;
using ActorVm.Host.Signing;

namespace ActorVm.Host.LocalTest;

/// <summary>
/// A chain in memory for `actorvm test`: the node's contract engine and system contracts over
/// in-memory state, started from the dev genesis (admin holds iost), one block per transaction.
/// Any account name may publish: the first time a name is used, admin signs it up with a key of its
/// own, and its transactions are signed with it, so permissions work as on a node.
/// </summary>
internal sealed class LocalChain : IDisposable
{
    public const long DefaultGasLimit = 1_000_000;
    private static readonly TimeSpan BlockInterval = TimeSpan.FromSeconds(1);

    private readonly ContractEngine _engine;
    private readonly TransactionExecutor _executor;
    private readonly ChainRules _rules;
    private readonly Dictionary<string, KeyPair> _keys = new(StringComparer.Ordinal);
    private InMemoryWorldState _world = new();
    private long _height;
    private long _time;

    public LocalChain()
    {
        _rules = new ChainRules(Contracts.Chain.Transaction.DefaultChainId, null);
        _engine = new ContractEngine(ExecutionLimits.Default with { Chain = _rules });
        _executor = new TransactionExecutor(_engine);
        Reset();
    }

    public long Height => _height;

    /// <summary>Back to block 0 of the dev genesis: nothing deployed, nothing moved.</summary>
    public void Reset()
    {
        _world = new InMemoryWorldState();
        _time = GenesisConfig.IostLocal.TimeNanos;
        _height = 0;
        _keys.Clear();
        // The dev genesis's admin and foundation hold IOST's local node key, whose secret is public.
        _keys["admin"] = _keys["foundation"] = AdminKey;
        var genesis = _executor.Execute(DevGenesis.Build(GenesisConfig.IostLocal, Contracts.Chain.Transaction.DefaultChainId), _world, new BlockContext(0, "", "0", _time));
        if (genesis.Status.Code != StatusCode.Success) throw new InvalidOperationException($"the dev genesis failed: {genesis.Status.Message}");
    }

    /// <summary>Runs one action in a block of its own; a failed transaction leaves nothing behind.</summary>
    public Receipt Send(string publisher, IReadOnlyList<string> signers, long gasLimit, TxAction action)
    {
        var tx = NewTransaction(publisher, signers, gasLimit, action);
        foreach (var signer in signers.Select(s => s.Split('@')[0]).Distinct()) tx = tx.SignedBy(KeyOf(signer));
        tx = tx.SignedAsPublisher(KeyOf(publisher));
        var block = NextBlock();
        // As a node checks it before running it: signatures, and the publisher's and signers' permissions.
        if (TransactionAuthorization.Problem(tx, block, _world, _rules) is { } refused) return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, refused);
        var savepoint = _world.Savepoint();
        // Under the cap a node applies (limits.max-tx-gas's default), so what passes here runs there.
        var receipt = _executor.Execute(tx, _world, block, ExecutionLimits.DefaultMaxTxGas);
        if (receipt.Status.Code != StatusCode.Success && receipt.GasPaid is null) _world.RollbackTo(savepoint);
        return receipt;
    }

    /// <summary>Runs one action as a query would: against the last block, its writes dropped.</summary>
    public Receipt Query(string publisher, long gasLimit, TxAction action)
    {
        var savepoint = _world.Savepoint();
        try
        {
            return _executor.Query(NewTransaction(publisher, [], gasLimit, action), _world,
                new BlockContext(_height + 1, "local", "local", _time + BlockInterval.Ticks * 100), ExecutionLimits.DefaultMaxTxGas);
        }
        finally
        {
            _world.RollbackTo(savepoint);
        }
    }

    public Receipt Deploy(string publisher, string code, string abi, long gasLimit) =>
        Send(publisher, [], gasLimit, new TxAction("system", "setCode", JsonSerializer.Serialize(new[] { code, abi })));

    public string? Storage(string contract, string key, string? field) =>
        field is null ? _world.GetValue(contract, key) : _world.MapGet(contract, key, field);

    public string Balance(string token, string account) => _world.GetBalance(token, account) ?? "0";

    /// <summary>Moves the chain's clock on: a transaction's block comes a second after the one before, plus this.</summary>
    public void Advance(TimeSpan time) => _time += time.Ticks * 100;

    /// <summary>The ABI iwallet compile would write for a source.</summary>
    public string GenerateAbi(string path, string source) => ContractEngine.GenerateAbi(path, source);

    private static readonly KeyPair AdminKey = KeyPair.FromBase58(KeyAlgorithm.Ed25519, GenesisConfig.IostDevAdminSecret);

    /// <summary>Signs an account up, unless it exists; answers its public key.</summary>
    public string Account(string name) => KeyOf(name).PublicKeyBase58;

    /// <summary>An account's key; a name used for the first time is signed up by admin with a key made from the name.</summary>
    private KeyPair KeyOf(string account)
    {
        if (_keys.TryGetValue(account, out var key)) return key;
        key = KeyPair.FromSecret(KeyAlgorithm.Ed25519, SHA3_256.HashData(Encoding.UTF8.GetBytes($"actorvm test account {account}")));
        _keys[account] = key;
        var signUp = Send("admin", [], DefaultGasLimit, new TxAction("auth.iost", "signUp", JsonSerializer.Serialize(new[] { account, key.PublicKeyBase58, key.PublicKeyBase58 })));
        if (signUp.Status.Code != StatusCode.Success)
        {
            _keys.Remove(account);
            throw new ArgumentException($"the account '{account}' could not be signed up: {signUp.Status.Message}");
        }
        return key;
    }

    private BlockContext NextBlock()
    {
        _time += BlockInterval.Ticks * 100;
        return new BlockContext(++_height, "local", "local", _time);
    }

    private Transaction NewTransaction(string publisher, IReadOnlyList<string> signers, long gasLimit, TxAction action) =>
        new(_time, _time + ChainRules.MaxTxAgeNanos, gasLimit, publisher, signers, [action]) { AmountLimit = [new AmountLimit("*", "unlimited")] };

    public void Dispose() => _engine.Dispose();
}
