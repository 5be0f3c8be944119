using System.Text.Json;
using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Api;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The built-in <c>auth.iost</c>, with the methods and storage of IOST's account.js for what this
/// node needs today: signUp(id, ownerKey, activeKey), and, with the account's owner permission,
/// addPermission(id, perm, threshold), dropPermission(id, perm), assignPermission(id, perm, keyOrAccount@perm, weight)
/// and revokePermission(id, perm, keyOrAccount).
/// </summary>
internal sealed class AuthContract : ISystemContract
{
    public const string Name = AccountStore.Contract;

    /// <summary>Most permissions an account holds, and items a permission holds: an account is read on every check.</summary>
    public const int MaxPermissions = 16;
    public const int MaxItems = 16;

    /// <summary>Gas of a call, plus one unit per 4 characters of the account it writes.</summary>
    private const long CallGas = 200;

    public IReadOnlyList<string> Names => [Name];

    /// <summary>account.js, deployed by a genesis block as auth.iost, takes this one's place.</summary>
    public bool IsStandIn => true;

    public ExecutionOutcome Run(TransactionContext tx, CallFrame frame, TxAction action, ContractEngine engine, long gasLimit)
    {
        try
        {
            var args = Strings(action, action.ActionName switch
            {
                "signUp" or "addPermission" or "revokePermission" => 3,
                "dropPermission" => 2,
                "assignPermission" => 4,
                _ => throw new HostException($"auth.iost has no method '{action.ActionName}'"),
            });
            return action.ActionName switch
            {
                "signUp" => SignUp(tx, frame, args[0], args[1], args[2]),
                "addPermission" => Change(tx, frame, args[0], a => AddPermission(a, args[1], Weight(args[2], "threshold"))),
                "dropPermission" => Change(tx, frame, args[0], a => DropPermission(a, args[1])),
                "assignPermission" => Change(tx, frame, args[0], a => Assign(a, args[1], args[2], Weight(args[3], "weight"))),
                _ => Change(tx, frame, args[0], a => Revoke(a, args[1], args[2])),
            };
        }
        catch (HostException e)
        {
            return new(StatusCode.RuntimeError, e.Message, null);
        }
    }

    private static ExecutionOutcome SignUp(TransactionContext tx, CallFrame frame, string id, string owner, string active)
    {
        if (!AccountId.IsValid(id)) throw new HostException(AccountId.Problem(id));
        // A name the chain's configuration declares is taken, though no stored account holds it yet.
        if (AccountStore.Read(tx.World, id) is not null || tx.Rules.GenesisKeys.ContainsKey(id)) throw new HostException($"id existed > {id}");
        CheckKey(owner, "owner");
        CheckKey(active, "active");
        var account = Account.WithKeys(id, tx.Tx.Publisher, owner, active);
        AccountStore.Write(tx.World, account);
        tx.AddReceipt(frame, JsonSerializer.Serialize(new[] { id, owner, active }));
        return new(StatusCode.Success, "", null, CallGas + account.ToJson().Length / 4);
    }

    private static ExecutionOutcome Change(TransactionContext tx, CallFrame frame, string id, Func<Account, Account> change)
    {
        if (AccountStore.Read(tx.World, id) is not { } account) throw new HostException($"account not found > {id}");
        if (!tx.RequireAuth(id, "owner", frame)) throw new HostException("require auth failed");
        var changed = change(account);
        if (changed.Permissions.Count > MaxPermissions) throw new HostException($"an account holds at most {MaxPermissions} permissions");
        if (changed.Permissions.Values.Any(p => (p.Items?.Count ?? 0) > MaxItems)) throw new HostException($"a permission holds at most {MaxItems} items");
        AccountStore.Write(tx.World, changed);
        return new(StatusCode.Success, "", null, CallGas + changed.ToJson().Length / 4);
    }

    private static Account AddPermission(Account a, string perm, long threshold)
    {
        CheckPermissionName(perm);
        if (a.Permissions.ContainsKey(perm)) throw new HostException($"permission already exist > {perm}");
        return a with { Permissions = With(a.Permissions, perm, new Permission(perm, [], [], threshold)) };
    }

    private static Account DropPermission(Account a, string perm)
    {
        if (perm is "owner" or "active") throw new HostException("can't drop owner or active permission");
        var permissions = new Dictionary<string, Permission>(a.Permissions);
        permissions.Remove(perm);
        return a with { Permissions = permissions };
    }

    private static Account Assign(Account a, string perm, string who, long weight)
    {
        var p = Existing(a, perm);
        var items = (p.Items ?? []).ToList();
        var at = items.FindIndex(i => Matches(i, who));
        if (at >= 0) items[at] = items[at] with { Weight = weight };
        else items.Add(Item(who, weight));
        return a with { Permissions = With(a.Permissions, perm, p with { Items = items }) };
    }

    private static Account Revoke(Account a, string perm, string who)
    {
        var p = Existing(a, perm);
        var items = (p.Items ?? []).Where(i => !Matches(i, who)).ToList();
        return a with { Permissions = With(a.Permissions, perm, p with { Items = items }) };
    }

    private static Permission Existing(Account a, string perm) =>
        a.Permissions.TryGetValue(perm, out var p) && p is not null ? p : throw new HostException($"permission not exist > {perm}");

    /// <summary>"account@permission" names another account's permission; anything else is a key.</summary>
    private static PermissionItem Item(string who, long weight)
    {
        var parts = who.Split('@');
        if (parts.Length == 2)
        {
            if (!AccountId.IsValid(parts[0])) throw new HostException(AccountId.Problem(parts[0]));
            CheckPermissionName(parts[1]);
            return new PermissionItem(parts[0], parts[1], false, weight);
        }
        CheckKey(who, "key");
        return new PermissionItem(who, null, true, weight);
    }

    private static bool Matches(PermissionItem item, string who) =>
        item is not null && (item.IsKeyPair ? item.Id == who : $"{item.Id}@{item.Permission}" == who);

    private static IReadOnlyDictionary<string, Permission> With(IReadOnlyDictionary<string, Permission> all, string name, Permission p) =>
        new Dictionary<string, Permission>(all) { [name] = p };

    private static void CheckKey(string key, string what)
    {
        if (key.Length > 50 || Base58.Decode(key) is not { Length: 32 or 33 }) throw new HostException($"{what} key '{key}' is not a base58 public key");
    }

    private static void CheckPermissionName(string perm)
    {
        if (perm.Length is < 1 or > 32 || !perm.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new HostException($"permission name '{perm}' must be 1-32 characters of A-Z, a-z, 0-9 and _");
    }

    private static long Weight(string text, string what) =>
        long.TryParse(text, out var n) && n > 0 ? n : throw new HostException($"{what} must be a positive integer, not '{text}'");

    private static string[] Strings(TxAction action, int count)
    {
        var args = action.Arguments ?? throw new HostException("data must be a JSON array of the arguments");
        if (args.Count != count) throw new HostException($"auth.iost.{action.ActionName} takes {count} arguments, got {args.Count}");
        return args.Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray();
    }
}
