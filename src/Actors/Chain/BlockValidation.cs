using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>The checks of a block from elsewhere, before and after it is executed here; each answers why it fails, or null.</summary>
internal static class BlockValidation
{
    /// <summary>Its place on this node's chain, its shape and its header hash.</summary>
    public static string? HeaderProblem(ValidateBlock m, ChainTip tip)
    {
        if (m.Height != tip.Height + 1) return $"block {m.Height} does not follow this node's height {tip.Height}";
        if (m.ParentHash != tip.Hash) return $"parent hash {m.ParentHash} is not this node's head {tip.Hash}";
        if (m.Transactions.Count != m.Receipts.Count) return "a block needs exactly one receipt per transaction";
        if (m.Transactions.Select(t => t.Hash).Distinct().Count() != m.Transactions.Count) return "a block holds a transaction twice";
        for (var i = 0; i < m.Transactions.Count; i++)
            if (m.Transactions[i].Hash != m.Receipts[i].TxHash) return $"receipt {i} is not for transaction {m.Transactions[i].Hash}";
        var hash = BlockRecord.HashOf(m.Height, m.ParentHash, m.Time, m.Witness, m.StateRoot, m.Transactions.Select(t => t.Hash).ToList());
        return hash != m.Hash ? $"the block hash {m.Hash} does not match its header ({hash})" : null;
    }

    /// <summary>Every receipt as this node computed it, byte for byte, and the state root the block's writes give.</summary>
    public static string? ResultProblem(ValidateBlock m, ExecutedBlock executed, ChainTip tip)
    {
        if (executed.Receipts.Count != m.Transactions.Count) return "the block's transactions could not all be executed";
        for (var i = 0; i < executed.Receipts.Count; i++)
        {
            var receipt = executed.Receipts[i];
            if (BlockRules.HitResourceLimit(receipt))
                return $"transaction {i} ({receipt.TxHash}) could not be executed within this node's limits: {receipt.Status.Message}";
            var (mine, theirs) = (ChainJson.Encoded(receipt), ChainJson.Serialize(m.Receipts[i]));
            if (receipt.Status.Code == StatusCode.WrongTxFormat || mine != theirs)
                return $"transaction {i} ({receipt.TxHash}) gives receipt {mine}, the block claims {theirs}";
        }
        var root = Convert.ToHexStringLower(StateRoot.Next(tip.Root, executed.Writes));
        return root != m.StateRoot ? $"the state root would be {root}, the block claims {m.StateRoot}" : null;
    }
}
