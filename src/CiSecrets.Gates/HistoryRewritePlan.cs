using System.Text;
using LibGit2Sharp;

namespace CiSecrets.Gates;

/// <summary>A credential found in history, to rotate before anything else: where it is, never what it is.</summary>
public sealed record LeakedCredential(string RuleId, string Path, int Line, string Commit);

/// <summary>
/// What it would take to remove leaks from history with <c>git filter-repo</c>: the credentials to
/// rotate first (a rewrite revokes nothing), the files to drop (deleted since, so they only ever held
/// the leak) and the files to scrub (still present). CiSecrets prints it and never runs it: rewriting
/// shared history needs a person's approval.
/// https://github.com/newren/git-filter-repo/blob/main/Documentation/git-filter-repo.txt
/// Every name is printed escaped (<see cref="PrintedText"/>) and every command argument single-quoted: the
/// printed block is meant to be pasted into a shell, and a filename is hostile input.
/// </summary>
public sealed record HistoryRewritePlan(
    IReadOnlyList<LeakedCredential> Rotate,
    IReadOnlyList<LiveValueHit> LiveValues,
    IReadOnlyList<string> RemovePaths,
    IReadOnlyList<string> ScrubPaths,
    string RemoteUrl)
{
    /// <summary>
    /// Why the inventory's current values were not searched (no inventory, no age identity), or null
    /// when they were: the plan says so, because a clean scan alone does not mean no live value is in history.
    /// </summary>
    public string? LiveValuesNotSearched { get; init; }

    /// <summary>A plan from the scanner's findings and the current inventory values found in history (<see cref="LiveValueSearch"/>).</summary>
    public static HistoryRewritePlan Build(string repositoryRoot, IReadOnlyList<Finding> findings, IReadOnlyList<LiveValueHit> liveValues)
    {
        var credentials = findings
            .Select(f => new LeakedCredential(f.RuleId, f.Path, f.Line, f.Commit))
            .Distinct()
            .ToList();
        var paths = credentials.Select(c => c.Path).Concat(liveValues.Select(h => h.Path))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        using var repository = new Repository(repositoryRoot);
        var head = repository.Head.Tip?.Tree;
        var present = paths.Where(p => head?[p] is not null).ToList();
        return new HistoryRewritePlan(credentials, liveValues, [.. paths.Except(present)], present, SafeRemoteUrl(repository));
    }

    /// <summary>The plan as text: rotation list first, then the commands, each commented.</summary>
    public string Render()
    {
        var note = LiveValuesNotSearched is { } why ? $"Current inventory values were not searched: {PrintedText.Escape(why)}.\n" : "";
        if (Rotate.Count == 0 && LiveValues.Count == 0)
        {
            return "No leaks in history: nothing to rewrite.\n" + note;
        }

        var builder = new StringBuilder();
        var secrets = LiveValues.Select(h => h.Secret).Distinct(StringComparer.Ordinal).ToList();
        builder.Append($"{Rotate.Count} leaked credential(s) and {secrets.Count} current inventory secret(s) in history. Nothing has been changed; this is a plan for a person to approve.\n");
        builder.Append(note).Append('\n');
        builder.Append("1. Rotate these credentials first (rewriting history does not revoke them; clones and forks keep them):\n");
        foreach (var credential in Rotate)
        {
            builder.Append($"   - {PrintedText.Escape(credential.RuleId)} in {PrintedText.Escape(credential.Path)}:{credential.Line} (commit {Short(credential.Commit)})\n");
        }

        foreach (var hit in LiveValues)
        {
            builder.Append($"   - {PrintedText.Escape(hit.Secret)} (current value in the bundle) in {PrintedText.Escape(hit.Path)} (commit {Short(hit.Commit)}){(hit.WholeTokenOnly ? ", a short value matched as a whole token: check it" : "")}\n");
        }

        if (secrets.Count > 0)
        {
            builder.Append($"   cisecrets rotate {string.Join(' ', secrets.Select(Quote))}\n");
        }

        // A name with a control character cannot be written on one shell line, and printing it raw would let a
        // filename end a comment and start a command: such names are only named, escaped, for a person to handle.
        var (removable, unprintableRemoved) = SplitPrintable(RemovePaths);
        var (scrubbable, unprintableScrubbed) = SplitPrintable(ScrubPaths);
        builder.Append("\n2. Then rewrite history in a fresh mirror clone (git filter-repo refuses a clone that is not fresh):\n\n");
        builder.Append($"   git clone --mirror -- {Quote(RemoteUrl)} rewrite.git\n   cd rewrite.git\n");
        if (removable.Count > 0)
        {
            // filter-repo parses options with argparse and takes no operands, so '--' cannot end its options:
            // the --path=VALUE form keeps a name such as '-n.env' a value.
            builder.Append("   # files deleted since, that held the leak: drop them from every commit\n");
            builder.Append("   git filter-repo --invert-paths").Append(string.Concat(removable.Select(p => $" --path={Quote(p)}"))).Append('\n');
        }

        if (scrubbable.Count > 0)
        {
            builder.Append($"   # files still present ({string.Join(", ", scrubbable.Select(PrintedText.Escape))}): replace the values, keep the files.\n");
            builder.Append("   # Write ../replacements.txt yourself, one line per leaked value: VALUE==>***REMOVED***\n");
            builder.Append("   # (cisecrets never prints values; keep that file out of every repository and delete it after).\n");
            builder.Append("   git filter-repo --replace-text ../replacements.txt\n");
        }

        foreach (var path in unprintableRemoved.Concat(unprintableScrubbed))
        {
            builder.Append($"   # not printed as a command: {PrintedText.Escape(path)} (shown escaped) has control characters in its name; remove or scrub it by hand\n");
        }

        builder.Append("   # check the result (cisecrets scan .), then publish it with the repository owners' approval:\n");
        builder.Append("   git push --force --mirror\n\n");
        builder.Append("3. Ask every collaborator to re-clone, and GitHub Support to purge cached views and pull request refs.\n");
        return builder.ToString();
    }

    private static string SafeRemoteUrl(Repository repository)
    {
        var url = repository.Network.Remotes["origin"]?.Url;
        if (string.IsNullOrEmpty(url))
        {
            return "<remote-url>";
        }

        // Never print credentials a remote URL may carry (https://user:token@host/...).
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : url;
    }

    private static string Short(string commit) => commit.Length > 7 ? commit[..7] : commit.Length == 0 ? "working tree" : commit;

    private static (List<string> Printable, List<string> Unprintable) SplitPrintable(IReadOnlyList<string> paths) =>
        ([.. paths.Where(p => !PrintedText.HasControlCharacters(p))], [.. paths.Where(PrintedText.HasControlCharacters)]);

    /// <summary>Single-quoted for a POSIX shell (a quote inside as <c>'\''</c>); left bare only when every character is inert.</summary>
    private static string Quote(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '@')
        ? text
        : $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
