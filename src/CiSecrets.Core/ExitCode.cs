namespace CiSecrets;

/// <summary>The process exit codes every command shares.</summary>
public enum ExitCode
{
    /// <summary>Nothing to report.</summary>
    Clean = 0,

    /// <summary>Findings, or a blocking check failed.</summary>
    PolicyFailure = 1,

    /// <summary>Bad usage or bad input: nothing was judged.</summary>
    UsageError = 2,
}
