using System.CommandLine;
using CiSecrets.Gates;
using CiSecrets.Reporting.GitHubActions;

namespace CiSecrets.Cli.Commands;

/// <summary><c>cisecrets gate PHASE</c>: runs a phase's checks from <c>.cisecrets.yaml</c> and gives one verdict; <c>--list</c> shows the phases.</summary>
internal static class GateCommand
{
    private static readonly string[] Formats = ["text", "json", "markdown"];

    public static Command Create(IEnvironment environment, CliConsole console)
    {
        var phase = new Argument<string?>("phase") { Description = "The phase to check (a key under gates: in .cisecrets.yaml).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the phases and their checks instead of running one." };
        var path = new Option<string>("--path", "-p") { Description = "Repository to check.", DefaultValueFactory = _ => "." };
        var config = CommonOptions.Config();
        var format = new Option<string>("--format", "-f") { Description = "Output format: text, json, markdown.", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong(Formats);
        var range = new Option<string?>("--range") { Description = "Commits the leaks check scans, as BASE..HEAD (default: the workflow event's range in GitHub Actions, else the whole history)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig for the cluster check (default: $KUBECONFIG)." };

        var command = new Command("gate", "Run the checks of a deployment phase (pre-merge, deploy, ...) and exit 1 when a blocking check fails.")
        {
            phase, list, path, config, format, range, kubeconfig,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new GateOptions(parsed.GetValue(phase), parsed.GetValue(list), parsed.GetValue(path)!, parsed.GetValue(config), parsed.GetValue(format)!, parsed.GetValue(range), parsed.GetValue(kubeconfig));
            return await RunAsync(options, environment, console, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(GateOptions options, IEnvironment environment, CliConsole console, CancellationToken cancellationToken)
    {
        if (options.List)
        {
            var (_, inventory) = GateSetup.LoadInventory(options.Path, options.Config, environment);
            await console.Out.WriteAsync(GateOutput.RenderList(inventory, options.Format == "json"));
            return (int)ExitCode.Clean;
        }

        if (string.IsNullOrEmpty(options.Phase))
        {
            throw new InputException("gate", "name a phase (see 'cisecrets gate --list')");
        }

        var context = await GateSetup.ContextAsync(options.Path, options.Config, options.Range, options.Kubeconfig, environment, cancellationToken);
        var verdict = await GateRunner.RunAsync(options.Phase, context, cancellationToken);
        await console.Out.WriteAsync(options.Format switch
        {
            "json" => GateOutput.RenderJson(verdict),
            "markdown" => GateOutput.RenderMarkdown(verdict),
            _ => GateOutput.RenderText(verdict),
        });

        var actions = new ActionsEnvironment(environment);
        if (actions.IsActive)
        {
            await actions.AppendSummaryAsync(GateOutput.RenderMarkdown(verdict), cancellationToken);
            await actions.SetOutputAsync("verdict", verdict.Status.Name(), cancellationToken);
        }

        return (int)(verdict.Passed ? ExitCode.Clean : ExitCode.PolicyFailure);
    }
}

/// <summary>The options of <c>cisecrets gate</c>.</summary>
internal sealed record GateOptions(string? Phase, bool List, string Path, string? Config, string Format, string? Range, string? Kubeconfig);
