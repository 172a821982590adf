using System.CommandLine;
using System.Globalization;
using CiSecrets.Inventory;
using CiSecrets.Reporting.GitHubActions;
using CiSecrets.Rotation;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// <c>cisecrets rotate all | NAME... | --due [--dry-run | --local]</c>: new values into the SOPS bundle,
/// proposed as a pull request, or with <c>--local</c> written into the working tree to commit by hand. Exit codes: 0 rotated, or nothing due (a scheduled run with nothing to do is
/// a success); 1 the rotation could not finish (push rejected, GitHub refused, the rotation branch
/// holds someone else's commits), with nothing left half done; 2 bad usage or bad input.
/// </summary>
internal static class RotateCommand
{
    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var targets = new Argument<string[]>("secrets") { Description = "'all', or the names of the secrets to rotate.", Arity = ArgumentArity.ZeroOrMore };
        var due = new Option<bool>("--due") { Description = "Rotate only the secrets past their rotation interval." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (names, generators, consumers) and change nothing." };
        var root = new Option<string>("--root") { Description = "Repository root holding .cisecrets.yaml.", DefaultValueFactory = _ => "." };
        var local = new Option<bool>("--local") { Description = "Write the new values and rotation times into the working tree; no commit, push or pull request." };
        var remote = new Option<string>("--remote") { Description = "The remote to push the rotation branch to.", DefaultValueFactory = _ => "origin" };

        var command = new Command("rotate", "Generate new values for managed secrets, re-encrypt them into the SOPS bundle and open (or update) a pull request.")
        {
            targets, due, dryRun, local, root, remote,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new RotateOptions(parsed.GetValue(targets) ?? [], parsed.GetValue(due), parsed.GetValue(dryRun), parsed.GetValue(root)!, parsed.GetValue(remote)!, parsed.GetValue(local));
            return await RunAsync(options, environment, console, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(RotateOptions options, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        var selection = options.Selection();
        var root = Path.GetFullPath(options.Root, environment.CurrentDirectory);
        try
        {
            if (options.DryRun)
            {
                var inventory = SecretsInventory.Find(root) ?? throw new InputException(Path.Combine(root, SecretsInventory.FileName), "file not found");
                var plan = RotationPlanner.Plan(inventory, root, RotationLog.Load(root), selection, environment.Clock.GetUtcNow());
                await console.Out.WriteAsync(RotationSummary.PlanText(plan, dryRun: true));
                return (int)ExitCode.Clean;
            }

            if (options.Local)
            {
                var written = await new WorkingTreeRotator(root, selection, AgeIdentities.Load(environment), environment.Clock.GetUtcNow()).RunAsync(cancellationToken);
                return await ReportAsync(written, environment, console, cancellationToken);
            }

            var rotation = new RotationOptions
            {
                RepositoryRoot = root,
                Selection = selection,
                ApiUrl = ApiUrl(environment),
                Repository = Required(environment, "GITHUB_REPOSITORY", "OWNER/NAME of the repository the pull request goes to"),
                Token = Required(environment, "GITHUB_TOKEN", "the token that pushes the branch and opens the pull request"),
                RemoteName = options.Remote,
                Time = environment.Clock,
            };
            var result = await new SecretRotator(rotation, AgeIdentities.Load(environment)).RunAsync(cancellationToken);
            return await ReportAsync(result, environment, console, cancellationToken);
        }
        catch (SopsException e)
        {
            await console.Error.WriteLineAsync($"cisecrets: {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.UsageError;
        }
        catch (RotationException e)
        {
            await console.Error.WriteLineAsync($"cisecrets: rotation failed: {PrintedText.Escape(e.Message)}");
            return (int)ExitCode.PolicyFailure;
        }
    }

    private static async Task<int> ReportAsync(RotationResult result, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        await console.Out.WriteAsync(RotationSummary.PlanText(result.Plan, dryRun: false));
        await console.Out.WriteAsync(RotationSummary.ResultText(result));
        foreach (var warning in result.Warnings)
        {
            await console.Error.WriteLineAsync($"warning: {PrintedText.Escape(warning)}");
        }

        await WriteActionsAsync(new ActionsEnvironment(environment), result, cancellationToken);
        return (int)ExitCode.Clean;
    }

    /// <summary>The step outputs the action declares, and the summary table.</summary>
    private static async Task WriteActionsAsync(ActionsEnvironment actions, RotationResult result, CancellationToken cancellationToken)
    {
        await actions.SetOutputAsync("rotated", string.Join(",", result.Rotated), cancellationToken);
        await actions.SetOutputAsync("pull-request-number", result.PullRequest?.Number.ToString(CultureInfo.InvariantCulture) ?? "", cancellationToken);
        await actions.SetOutputAsync("pull-request-url", result.PullRequest?.Url ?? "", cancellationToken);
        await actions.SetOutputAsync("pull-request-operation", result.Operation.ToString().ToLowerInvariant(), cancellationToken);
        await actions.AppendSummaryAsync(RotationSummary.Markdown(result), cancellationToken);
    }

    /// <summary><c>GITHUB_API_URL</c> (GitHub Enterprise Server sets https://HOST/api/v3), else github.com's.</summary>
    private static Uri ApiUrl(IEnvironment environment)
    {
        var text = environment.GetVariable("GITHUB_API_URL") is { Length: > 0 } url ? url : "https://api.github.com";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new InputException("GITHUB_API_URL", $"'{text}' is not an http(s) URL");
    }

    private static string Required(IEnvironment environment, string name, string what) =>
        environment.GetVariable(name) is { Length: > 0 } value ? value : throw new InputException(name, $"not set; it is {what}");
}

/// <summary>The options of <c>cisecrets rotate</c>.</summary>
internal sealed record RotateOptions(IReadOnlyList<string> Targets, bool Due, bool DryRun, string Root = ".", string Remote = "origin", bool Local = false)
{
    public RotationSelection Selection()
    {
        var all = Targets.Count == 1 && Targets[0] == "all";
        if (Targets.Contains("all") && !all)
        {
            throw new InputException("rotate", "'all' cannot be combined with secret names");
        }

        return (all, Targets.Count > 0, Due) switch
        {
            (_, true, true) => throw new InputException("rotate", "--due cannot be combined with 'all' or secret names"),
            (true, _, false) => RotationSelection.All,
            (false, true, false) => RotationSelection.Named(Targets),
            (_, false, true) => RotationSelection.Due,
            _ => throw new InputException("rotate", "say what to rotate: 'all', secret names, or --due"),
        };
    }
}
