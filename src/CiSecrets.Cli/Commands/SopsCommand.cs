using System.CommandLine;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets sops …</c>: SOPS files with age keys, in-process (no <c>sops</c> binary). Identities come from
/// <c>SOPS_AGE_KEY</c>, <c>SOPS_AGE_KEY_FILE</c> or the default <c>keys.txt</c>, as sops finds them.
/// </summary>
internal static class SopsCommand
{
    public static Command Create(IEnvironment environment, CliConsole console) =>
        new("sops", "Validate, decrypt, encrypt and edit SOPS files (age keys) without the sops binary.")
        {
            SopsValidateCommand.Create(environment, console),
            SopsDecryptCommand.Create(environment, console),
            SopsEncryptCommand.Create(environment, console),
            SopsSetCommand.Create(environment, console),
            SopsKeyCommands.Rotate(environment, console),
            SopsKeyCommands.UpdateKeys(environment, console),
            SopsStatusCommand.Create(environment, console),
        };

    /// <summary>The FILE argument every single-file subcommand takes.</summary>
    public static Argument<string> FileArgument(string description) => new("file") { Description = description };

    /// <summary>A <c>--input-type</c> / <c>--output-type</c> option: a sops store name, overriding the one the extension picks.</summary>
    public static Option<string?> StoreOption(string name, string description) =>
        new Option<string?>(name) { Description = description }.AcceptOnlyFromAmong("yaml", "json", "dotenv", "ini", "binary");

    /// <summary>The store an option named, or null when it was not given.</summary>
    public static Sops.SopsFormat? Store(string? name) => name is null ? null : Enum.Parse<Sops.SopsFormat>(name, ignoreCase: true);

    /// <summary>Whether an <c>--output</c> value means standard output: <c>-</c>, as in sops and most tools.</summary>
    public static bool IsStandardOutput(string output) => output == "-";

    /// <summary>A path as the user typed it, made absolute against the (seam) current directory.</summary>
    public static string Resolve(IEnvironment environment, string path) => Path.GetFullPath(path, environment.CurrentDirectory);

    /// <summary>The <c>.sops.yaml</c> sops would use: looked up from the current directory upwards.</summary>
    public static Sops.SopsConfig FindConfig(IEnvironment environment, string file) =>
        Sops.SopsConfig.Find(environment.CurrentDirectory)
        ?? throw new InputException(file, $"no {Sops.SopsConfig.FileName} found in {environment.CurrentDirectory} or its parents");
}
