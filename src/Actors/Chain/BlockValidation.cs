using ActorVm.Actors.State;
using System.Text.Json;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>The checks of a block from elsewhere, before and after it is executed here; each answers why it fails, or null.</summary>
internal static class BlockValidation
{
    public static string? SignatureProblem(ValidateBlock m, ProducerSettings settings) => BlockSignature.Problem(m, settings.AcceptsBlocksFrom);

    /// <summary>Its place on this node's chain, its shape and its header hash.</summary>
    public static string? HeaderProblem(ValidateBlock m, ChainTip tip)
    {
        if (m.Height != tip.Height + 1) return $"block {m.Height} does not follow this node's height {tip.Height}";
        if (m.ParentHash != tip.Hash) return $"parent hash {m.ParentHash} is not this node's head {tip.Hash}";
        if (m.Transactions.Count != m.Receipts.Count) return "a block needs exactly one receipt per transaction";
        if (m.Transactions.Select(t => t.ReplayKey).Distinct().Count() != m.Transactions.Count) return "a block holds a transaction twice";
        for (var i = 0; i < m.Transactions.Count; i++)
            if (m.Transactions[i].Hash != m.Receipts[i].TxHash) return $"receipt {i} is not for transaction {m.Transactions[i].Hash}";
        var hash = BlockRecord.HashOf(m.Height, m.ParentHash, m.Time, m.Witness, m.StateRoot, m.Transactions.Select(t => t.Hash).ToList());
        return hash != m.Hash ? $"the block hash {m.Hash} does not match its header" : null;
    }

    /// <summary>Every receipt as this node computed it, byte for byte, and the state root the block's writes give.</summary>
    public static string? ResultProblem(ValidateBlock m, ExecutedBlock executed, ChainTip tip, bool receiptLogs)
    {
        if (executed.Receipts.Count != m.Transactions.Count) return "the block's transactions could not all be executed";
        for (var i = 0; i < executed.Receipts.Count; i++)
        {
            var receipt = executed.Receipts[i];
            if (BlockRules.HitResourceLimit(receipt))
                return $"transaction {i} ({receipt.TxHash}) could not be executed within this node's limits";
            var (mine, theirs) = (ChainJson.Encoded(receipt.ForBlock(receiptLogs)), ChainJson.Serialize(m.Receipts[i]));
            // What this node computed is not told: a refusal repeats only what the sender sent.
            if (receipt.Status.Code == StatusCode.WrongTxFormat || mine != theirs)
                return $"transaction {i} ({receipt.TxHash}): the block's receipt differs from this node's execution";
        }
        var root = Convert.ToHexStringLower(StateRoot.Next(tip.Root, executed.Writes));
        return root != m.StateRoot ? $"the block's state root {m.StateRoot} differs from this node's execution" : null;
    }
}

/// <summary>
/// Whether a block from elsewhere is signed, over its claimed hash, by a producer this chain accepts:
/// checked before anything else (where it arrives, and again before it runs), so that an unsigned
/// block costs no execution and holds up nothing; the refusal repeats only what the sender sent.
/// </summary>
public static class BlockSignature
{
    public static string? Problem(ValidateBlock m, Func<string, bool> accepts)
    {
        Signature signature;
        try
        {
            using var doc = JsonDocument.Parse(m.Signature);
            signature = SignatureJsonConverter.Parse(doc.RootElement);
        }
        catch (JsonException)
        {
            return "the block carries no producer signature ({algorithm, public_key, signature})";
        }
        if (!accepts(signature.KeyId)) return $"the block is signed by {signature.KeyId}, which is not a producer of this chain";
        if (m.Hash.Length != 64 || !m.Hash.All(char.IsAsciiHexDigitLower)) return "the block hash is not 64 lowercase hex digits";
        return signature.Verify(Convert.FromHexString(m.Hash)) ? null : "the block's signature does not verify over its hash";
    }
}
