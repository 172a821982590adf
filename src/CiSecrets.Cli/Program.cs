using CiSecrets;
using CiSecrets.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var console = new CliConsole(Console.Out, Console.Error, IsInteractive: !Console.IsErrorRedirected && !Console.IsOutputRedirected) { In = Console.In };
return await CliApplication.RunAsync(args, new ProcessEnvironment(), console, cancellation.Token);
