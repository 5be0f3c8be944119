namespace ActorVm.Contracts.Chain;

/// <summary>Receipt status codes (docs/contract-api.md). Anything but Success rolled back every write of the tx.</summary>
public enum StatusCode
{
    Success = 0,
    GasRunOut = 1,
    BalanceNotEnough = 2,
    WrongParameter = 3,
    RuntimeError = 4,
    Timeout = 5,
    WrongTxFormat = 6,
    DuplicateSetCode = 7,
    Unknown = 8,
    OutOfMemory = 9,
    /// <summary>V8 ran out of native stack (deeper than the call depth limit allows only through built-ins): machine-dependent, so never in a block.</summary>
    StackOverflow = 10,
}
