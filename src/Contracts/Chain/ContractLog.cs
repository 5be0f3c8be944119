namespace ActorVm.Contracts.Chain;

/// <summary>A line a contract wrote with console.log/info/warn/error/debug: its level, the contract, the text.</summary>
public sealed record ContractLog(string Level, string Contract, string Message)
{
    /// <summary>Most lines one transaction keeps, and their total characters; what follows is dropped, with one line saying so.</summary>
    public const int MaxLines = 100;
    public const int MaxChars = 16 * 1024;

    public static readonly IReadOnlyList<string> Levels = ["debug", "info", "warn", "error"];
}
