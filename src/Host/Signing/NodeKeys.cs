using System.Security.Cryptography;
using System.Text;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Signing;
using ActorVm.Host.Config;

namespace ActorVm.Host.Signing;

/// <summary>
/// The node's keys and the chain rules they imply. In dev mode one well-known key (the same on every
/// dev node, so that dev nodes can check each other's blocks) signs for every account name no account
/// holds yet and signs the blocks. In production mode there is no dev key: accounts are those stored
/// on chain or declared in chain:accounts, and blocks are signed with keys:producer.
/// </summary>
public sealed class NodeKeys
{
    /// <summary>The dev key's seed: public, like a development chain's prefunded accounts elsewhere.</summary>
    public static readonly KeyPair DevKey = KeyPair.FromSecret(KeyAlgorithm.Ed25519, SHA3_256.HashData(Encoding.UTF8.GetBytes("ActorVm development key")));

    private NodeKeys(bool development, KeyPair producer, ChainRules rules, IReadOnlySet<string> producers)
    {
        IsDevelopment = development;
        Producer = producer;
        Rules = rules;
        Producers = producers;
    }

    public bool IsDevelopment { get; }

    /// <summary>The key this node signs its blocks with.</summary>
    public KeyPair Producer { get; }

    /// <summary>The public keys whose blocks this node accepts.</summary>
    public IReadOnlySet<string> Producers { get; }

    public ChainRules Rules { get; }

    /// <summary>The key that signs /v1 submissions that arrive unsigned; null in production mode.</summary>
    public KeyPair? Signer => IsDevelopment ? DevKey : null;

    public static NodeKeys From(NodeSettings settings)
    {
        var development = settings.Node.IsDevelopment;
        var accounts = settings.Chain.Accounts.Select(ParseAccount).ToDictionary(a => a.Id, a => a.Key, StringComparer.Ordinal);
        var producer = development ? DevKey : ProducerKey(settings);
        var rules = new ChainRules(settings.Chain.Id, development ? DevKey.PublicKeyBase58 : null) { GenesisKeys = accounts, ChargesGas = settings.Chain.ChargesResources };
        var producers = new HashSet<string>(settings.Chain.Producers, StringComparer.Ordinal) { producer.PublicKeyBase58 };
        return new NodeKeys(development, producer, rules, producers);
    }

    /// <summary>keys:producer, or a key generated on first start and kept (owner-only) in the data directory.</summary>
    private static KeyPair ProducerKey(NodeSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.Keys.Producer)) return Parse(settings.Keys.Producer, "keys:producer");
        var path = Path.Combine(Path.GetFullPath(settings.Node.DataDir), "producer.key");
        if (File.Exists(path)) return Parse(File.ReadAllText(path).Trim(), path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = KeyPair.Generate();
        File.WriteAllText(path, key.SecretBase58 + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    private static KeyPair Parse(string secret, string where)
    {
        try
        {
            return KeyPair.FromBase58(KeyAlgorithm.Ed25519, secret);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException($"{where}: not an ed25519 secret key in base58 ({e.Message})");
        }
    }

    private static (string Id, string Key) ParseAccount(string entry)
    {
        var parts = entry.Split(':');
        if (parts.Length != 2 || !Contracts.Accounts.AccountId.IsValid(parts[0]) || Base58.Decode(parts[1]) is not { Length: 32 or 33 })
            throw new ConfigurationException($"chain:accounts entry '{entry}' is not id:publicKey (an account name and a base58 public key)");
        return (parts[0], parts[1]);
    }
}
