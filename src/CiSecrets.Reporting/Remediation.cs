namespace CiSecrets.Reporting;

/// <summary>
/// What to do about a finding, by rule family. Only a leak is a credential to rotate and remove: a
/// SOPS finding is a file to fix, a cluster finding a Secret to apply, a gate finding a check to
/// satisfy. The family is the rule id's prefix (<c>sops/</c>, <c>cluster/</c>, <c>k8s/</c>,
/// <c>gate/</c>); scanner rules have no prefix.
/// </summary>
public static class Remediation
{
    /// <summary>One sentence appended to a result's message.</summary>
    public static string Action(string ruleId) => Family(ruleId) switch
    {
        "sops" => "Fix the file with cisecrets sops (encrypt, updatekeys) and commit it; rotate any value that was committed in clear.",
        "cluster" => "Apply the bundle (cisecrets k8s apply), or rotate the secret if it is overdue.",
        "k8s" => "Fix the cause shown, then run cisecrets k8s apply again: it finishes what is left.",
        "gate" => "Fix what the check reports, then run the gate again.",
        _ => "Rotate it, then remove it.",
    };

    /// <summary>The background a rule's help gives after its description.</summary>
    public static string Help(string ruleId) => Family(ruleId) switch
    {
        "sops" => "A SOPS file must be fully encrypted for the recipients its creation rule names, with a MAC that matches its values. Re-encrypt or update the keys with cisecrets sops, commit the result, and rotate any value that was ever committed in clear.",
        "cluster" => "The cluster must hold every Secret and key the workloads read, non-empty, not a placeholder and younger than its rotation interval. Apply the bundle with cisecrets k8s apply, or rotate the secret when it is overdue.",
        "k8s" => "An apply stopped part-way for this object. The report gives the API status only; fix the cause and run cisecrets k8s apply again, which writes only what still differs and restarts what has not restarted.",
        "gate" => "A deploy-phase gate check failed. Its detail names the cause; fix it and run the gate again.",
        _ => "A credential committed to git stays in its history: revoke or rotate it first, then remove it from the code (and from history if required), and suppress accepted findings with a baseline.",
    };

    private static string Family(string ruleId)
    {
        var slash = ruleId.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : ruleId[..slash];
    }
}
