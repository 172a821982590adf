namespace CiSecrets.Gates;

/// <summary>One check a gate phase can list: a stable name (as in <c>.cisecrets.yaml</c>), a description and the check itself.</summary>
public interface IGateCheck
{
    string Name { get; }

    string Description { get; }

    Task<CheckResult> RunAsync(GateContext context, CancellationToken cancellationToken);
}
