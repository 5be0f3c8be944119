namespace ActorVm.Contracts.Signing;

/// <summary>IOST's two signature algorithms, with IOST's numbers.</summary>
public enum KeyAlgorithm : byte
{
    Secp256k1 = 1,
    Ed25519 = 2,
}

public static class KeyAlgorithms
{
    /// <summary>The name IOST's JSON uses.</summary>
    public static string Name(this KeyAlgorithm algorithm) => algorithm == KeyAlgorithm.Secp256k1 ? "SECP256K1" : "ED25519";

    /// <summary>From IOST's JSON: the name in any case, or the number; null when neither.</summary>
    public static KeyAlgorithm? Parse(string text) => text.ToUpperInvariant() switch
    {
        "SECP256K1" or "1" => KeyAlgorithm.Secp256k1,
        "ED25519" or "2" => KeyAlgorithm.Ed25519,
        _ => null,
    };
}
