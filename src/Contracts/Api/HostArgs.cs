using System.Text;
using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Api;

/// <summary>The arguments of one host call, read without running any contract code.</summary>
internal readonly unsafe ref struct HostArgs(V8Native.Value* args, int count, string function)
{
    /// <summary>Longest string a contract may pass to a host function (docs/contract-api.md).</summary>
    public const int MaxStringBytes = 64 * 1024;

    public int Count => count;

    public string String(int index, string name)
    {
        if (index >= count || args[index].Kind != V8Native.String)
            throw new HostException($"{function}: {name} must be a string");
        if (args[index].Len > MaxStringBytes)
            throw new HostException($"{function}: {name} is longer than {MaxStringBytes} bytes");
        return Encoding.UTF8.GetString(args[index].Str, args[index].Len);
    }

    public double Number(int index, string name) =>
        index < count && args[index].Kind == V8Native.Number ? args[index].Number : throw new HostException($"{function}: {name} must be a number");

    public bool Bool(int index, string name) =>
        index < count && args[index].Kind == V8Native.Bool ? args[index].Number != 0 : throw new HostException($"{function}: {name} must be a boolean");

    /// <summary>A storage key or map field: 1–64 printable ASCII characters, no '-' or '@'.</summary>
    public string Key(int index, string name)
    {
        var key = String(index, name);
        if (key.Length is 0 or > 64)
            throw new HostException($"{function}: {name} must be 1 to 64 characters long");
        foreach (var c in key)
        {
            if (c is < ' ' or > '~' or '-' or '@')
                throw new HostException($"{function}: {name} may hold only printable ASCII without '-' or '@'");
        }
        return key;
    }

    /// <summary>A contract id or account name: 1–64 characters of letters, digits, '_' and '.'.</summary>
    public string Name(int index, string name)
    {
        var value = String(index, name);
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            throw new HostException($"{function}: {name} '{value}' is not a valid name");
        return value;
    }
}
