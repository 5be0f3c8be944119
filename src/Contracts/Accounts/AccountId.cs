namespace ActorVm.Contracts.Accounts;

/// <summary>IOST's account names: 5 to 11 characters of a-z, 0-9 and _, not starting with "Contract".</summary>
public static class AccountId
{
    public static bool IsValid(string? id)
    {
        if (id is not { Length: >= 5 and <= 11 }) return false;
        // A loop, not LINQ: every transaction's authorization asks this of its publisher.
        foreach (var c in id)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        return true;
    }

    /// <summary>A contract's id (deployed "Contract…" or a system name with a dot), as IOST tells them from accounts.</summary>
    public static bool IsContract(string id) => id.StartsWith("Contract", StringComparison.Ordinal) || id.Contains('.');

    public static string Problem(string id) =>
        $"'{id}' is not an account name: 5 to 11 characters of a-z, 0-9 and _";
}
