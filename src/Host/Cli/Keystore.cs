using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVm.Contracts.Signing;

namespace ActorVm.Host.Cli;

/// <summary>
/// Secret keys kept on this machine, one file per account (NAME.json, owner-only), each encrypted
/// with a passphrase: AES-256-GCM under a key derived with PBKDF2-SHA256. The folder is --keystore,
/// else $ACTORVM_KEYSTORE, else ~/.actorvm/keystore; the passphrase is $ACTORVM_PASSPHRASE, else asked.
/// </summary>
internal sealed class Keystore(string folder)
{
    private const int Iterations = 200_000;

    public static Keystore Open(string? folder) => new(folder ?? Environment.GetEnvironmentVariable("ACTORVM_KEYSTORE")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".actorvm", "keystore"));

    public string Folder => folder;

    private string PathOf(string account) => Path.Combine(folder, account + ".json");

    public bool Holds(string account) => File.Exists(PathOf(account));

    public IEnumerable<string> Accounts() =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order() : [];

    public void Save(string account, KeyPair key, string passphrase)
    {
        if (!Contracts.Accounts.AccountId.IsValid(account)) throw new CliException(Contracts.Accounts.AccountId.Problem(account));
        Directory.CreateDirectory(folder);
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var secret = Encoding.UTF8.GetBytes(key.SecretBase58);
        var (ciphertext, tag) = (new byte[secret.Length], new byte[16]);
        using (var aes = new AesGcm(Derive(passphrase, salt), tag.Length)) aes.Encrypt(nonce, secret, ciphertext, tag, Encoding.UTF8.GetBytes(account));
        var file = new JsonObject
        {
            ["account"] = account, ["algorithm"] = key.Algorithm.Name(), ["publicKey"] = key.PublicKeyBase58,
            ["kdf"] = "pbkdf2-sha256", ["iterations"] = Iterations, ["salt"] = Convert.ToBase64String(salt),
            ["nonce"] = Convert.ToBase64String(nonce), ["ciphertext"] = Convert.ToBase64String(ciphertext), ["tag"] = Convert.ToBase64String(tag),
        };
        var path = PathOf(account);
        File.WriteAllText(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string PublicKey(string account) => Read(account)["publicKey"]!.GetValue<string>();

    public KeyPair Load(string account, string passphrase)
    {
        var file = Read(account);
        try
        {
            var derived = Derive(passphrase, Convert.FromBase64String(file["salt"]!.GetValue<string>()), file["iterations"]!.GetValue<int>());
            var ciphertext = Convert.FromBase64String(file["ciphertext"]!.GetValue<string>());
            var secret = new byte[ciphertext.Length];
            using (var aes = new AesGcm(derived, 16))
                aes.Decrypt(Convert.FromBase64String(file["nonce"]!.GetValue<string>()), ciphertext, Convert.FromBase64String(file["tag"]!.GetValue<string>()),
                    secret, Encoding.UTF8.GetBytes(account));
            var algorithm = KeyAlgorithms.Parse(file["algorithm"]!.GetValue<string>()) ?? throw new CliException($"{PathOf(account)}: unknown algorithm");
            return KeyPair.FromBase58(algorithm, Encoding.UTF8.GetString(secret));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CliException($"wrong passphrase for {account}'s key");
        }
        catch (Exception e) when (e is FormatException or NullReferenceException or InvalidOperationException)
        {
            throw new CliException($"{PathOf(account)} is not a keystore file: {e.Message}");
        }
    }

    private JsonNode Read(string account)
    {
        if (!Holds(account)) throw new CliException($"no key for {account} in {folder} (actorvm account import or account new)");
        try
        {
            return JsonNode.Parse(File.ReadAllText(PathOf(account))) ?? throw new CliException($"{PathOf(account)} is empty");
        }
        catch (JsonException e)
        {
            throw new CliException($"{PathOf(account)} is not a keystore file: {e.Message}");
        }
    }

    private static byte[] Derive(string passphrase, byte[] salt, int iterations = Iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, 32);

    /// <summary>$ACTORVM_PASSPHRASE, else asked on the terminal (twice when a new one is set).</summary>
    public static string Passphrase(bool confirm = false)
    {
        if (Environment.GetEnvironmentVariable("ACTORVM_PASSPHRASE") is { Length: > 0 } given) return given;
        if (Console.IsInputRedirected) return Console.ReadLine() ?? throw new CliException("no passphrase given (set ACTORVM_PASSPHRASE)");
        var first = Ask("passphrase: ");
        if (confirm && Ask("again: ") != first) throw new CliException("the passphrases differ");
        return first;
    }

    private static string Ask(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0) text.Length--;
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
