using System.Numerics;
using System.Text;

namespace ActorVm.Contracts.Chain;

/// <summary>Base58 with Bitcoin's alphabet, as IOST uses for hashes and contract ids.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var text = new StringBuilder();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var digit);
            text.Insert(0, Alphabet[(int)digit]);
        }
        foreach (var b in data)
        {
            if (b != 0) break;
            text.Insert(0, '1');
        }
        return text.ToString();
    }
}
