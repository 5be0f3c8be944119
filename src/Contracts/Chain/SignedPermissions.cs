namespace ActorVm.Contracts.Chain;

/// <summary>
/// The permissions a transaction was signed with, as a contract's requireAuth sees them: each
/// well-formed signer (id@permission) and the publisher's active. Read from the transaction's own
/// lists on each question (at most 16 signers): nothing is built for it.
/// </summary>
public readonly struct SignedPermissions(string publisher, IReadOnlyList<string> signers)
{
    public bool Contains(string id, string permission)
    {
        if (permission == "active" && id == publisher) return true;
        // A signer holds exactly one '@': an id or permission holding one is named by none.
        if (id.Contains('@') || permission.Contains('@')) return false;
        for (var i = 0; i < signers.Count; i++)
            if (Names(signers[i], id, permission)) return true;
        return false;
    }

    // signer == id + "@" + permission (neither part holds an '@', checked once above).
    private static bool Names(string signer, string id, string permission) =>
        signer.Length == id.Length + 1 + permission.Length && signer[id.Length] == '@'
        && signer.AsSpan(0, id.Length).SequenceEqual(id) && signer.AsSpan(id.Length + 1).SequenceEqual(permission);
}
