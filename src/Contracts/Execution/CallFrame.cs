using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>One contract call on a transaction's call stack.</summary>
public sealed record CallFrame(string Contract, string Method, string Owner, string Caller, bool CallerIsAccount,
    IReadOnlySet<string> ExtraAuth)
{
    /// <summary>No authority lent by a caller: what an action's outermost call holds.</summary>
    public static readonly IReadOnlySet<string> NoExtraAuth = System.Collections.Frozen.FrozenSet<string>.Empty;
}

/// <summary>The block a transaction runs in (docs/contract-api.md's block object).</summary>
public sealed record BlockContext(long Number, string ParentHash, string Witness, long Time)
{
    /// <summary>Block 0, which runs with every authority (go-iost's genesis): only for what touches no chain state.</summary>
    public static readonly BlockContext Genesis = new(0, "", "", 0);

    /// <summary>An ordinary block for runs outside a chain.</summary>
    public static readonly BlockContext Standalone = new(1, "", "", 0);
}

/// <summary>
/// What every call of one transaction shares: the transaction and block, the world state, the
/// receipts and events written so far, the call stack and, when something ended the whole
/// transaction (out of gas, balance not enough, a time-out), why.
/// </summary>
public sealed class TransactionContext(Transaction tx, BlockContext block, IWorldState world, ChainRules? rules = null)
{
    /// <summary>Deepest nesting of contract calls (docs/contract-api.md).</summary>
    public const int MaxDepth = 5;

    /// <summary>Most receipts plus events one transaction may record, and their total characters.</summary>
    public const int MaxOutputs = 64;
    public const int MaxOutputChars = 64 * 1024;

    public Transaction Tx { get; } = tx;
    public ChainRules Rules { get; } = rules ?? ChainRules.Production;
    public BlockContext Block { get; } = block;
    public IWorldState World { get; } = world;
    public List<ReceiptEntry> Receipts { get; } = [];
    public List<EventEntry> Events { get; } = [];
    public List<CallFrame> Stack { get; } = [];
    public TxStatus? Abort { get; private set; }

    /// <summary>The gas used when the transaction was aborted (deterministic: the meter as the contract reported it).</summary>
    public long AbortGas { get; private set; }

    private string? _chainJson;

    /// <summary>The transaction and block as the call runtime reads them.</summary>
    internal string ChainJson => _chainJson ??= CallInputs.ChainJson(this);

    // Made on the first line: most transactions write none, and this is on every transaction's path.
    private List<ContractLog>? _logs;
    private int _logChars;

    /// <summary>What the contracts wrote with console so far, within <see cref="ContractLog.MaxLines"/> and <see cref="ContractLog.MaxChars"/>.</summary>
    public IReadOnlyList<ContractLog> Logs => (IReadOnlyList<ContractLog>?)_logs ?? [];

    /// <summary>Keeps a console line of a contract; past the bounds lines are dropped (the call goes on: it paid for them).</summary>
    public void Log(string level, string contract, string message)
    {
        _logs ??= [];
        if (_logs.Count > ContractLog.MaxLines || _logChars > ContractLog.MaxChars) return;
        if (_logs.Count == ContractLog.MaxLines || _logChars + message.Length > ContractLog.MaxChars)
        {
            _logs.Add(new ContractLog("warn", contract, "later console lines of this transaction were dropped"));
            _logChars = ContractLog.MaxChars + 1;
            return;
        }
        _logs.Add(new ContractLog(ContractLog.Levels.Contains(level) ? level : "info", contract, message));
        _logChars += message.Length;
    }

    private readonly List<(string Payer, long Bytes)> _ram = [];

    /// <summary>How many RAM charges were recorded so far: a failed nested call drops its own (<see cref="DropRamCharges"/>).</summary>
    public int RamCharges => _ram.Count;

    /// <summary>Records bytes a payer is charged (negative: refunded) for the transaction's storage.</summary>
    public void ChargeRam(string payer, long bytes) => _ram.Add((payer, bytes));

    public void DropRamCharges(int from) => _ram.RemoveRange(from, _ram.Count - from);

    /// <summary>Each payer's net RAM, in name order (the order settlement reads and writes in).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> RamUsage =>
        _ram.GroupBy(r => r.Payer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Sum(r => r.Bytes))).ToList();

    /// <summary>Records a receipt of the frame's contract and method, within the transaction's bounds; past them the call fails.</summary>
    public void AddReceipt(CallFrame frame, string content)
    {
        CheckOutput(content);
        Receipts.Add(new ReceiptEntry($"{frame.Contract}/{frame.Method}", content));
    }

    /// <summary>Records an event within the transaction's bounds; past them the call fails.</summary>
    public void AddEvent(CallFrame frame, string content)
    {
        CheckOutput(content);
        Events.Add(new EventEntry(frame.Contract, content));
    }

    private void CheckOutput(string content)
    {
        var count = Receipts.Count + Events.Count;
        var chars = Receipts.Sum(r => r.Content.Length) + Events.Sum(e => e.Content.Length) + content.Length;
        if (count >= MaxOutputs) throw new Api.HostException($"a transaction may record at most {MaxOutputs} receipts and events");
        if (chars > MaxOutputChars) throw new Api.HostException($"a transaction's receipts and events may hold at most {MaxOutputChars} characters");
    }

    /// <summary>Ends the whole transaction with this status; only the first reason counts.</summary>
    public void AbortWith(StatusCode code, string message, long gas)
    {
        if (Abort is not null) return;
        Abort = new TxStatus(code, message);
        AbortGas = gas;
    }

    private Authority? _authority;
    private AmountLimits? _amounts;

    /// <summary>What the transaction's calls took out of accounts, against its amount_limit.</summary>
    public AmountLimits Amounts => _amounts ??= new AmountLimits(Tx);

    /// <summary>The transaction's authority: its verified keys, its signers' permissions and the publisher's active.</summary>
    public Authority Authority => _authority ??= NewAuthority(Tx, World, Rules);

    /// <summary>
    /// blockchain.requireAuth: for an account, IOST's permission check against what the transaction
    /// signed; for a contract, whether it lent its authority to this call (callWithAuth).
    /// </summary>
    public bool RequireAuth(string id, string permission, CallFrame frame) => RequireAuth(id, permission, frame, out _);

    /// <param name="accountReads">How many accounts the check read, for its gas.</param>
    public bool RequireAuth(string id, string permission, CallFrame frame, out int accountReads)
    {
        accountReads = 0;
        // The genesis block runs with every authority, as go-iost's does: its transaction has no keys.
        if (Block.Number == 0) return true;
        if (AccountId.IsContract(id)) return frame.ExtraAuth.Contains(id);
        var satisfied = Authority.Satisfied(id, permission, AuthKind.Contract);
        accountReads = Authority.LastReads;
        return satisfied;
    }

    public static Authority NewAuthority(Transaction tx, IWorldState world, ChainRules rules) =>
        new(world, tx.Signing.KeyLevels(), tx.SignedPermissions, rules);
}
