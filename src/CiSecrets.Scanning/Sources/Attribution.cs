namespace CiSecrets.Scanning.Sources;

/// <summary>
/// Decides which detections a change added, the way <c>git log -p</c> shows added lines: a
/// detection whose (rule, value, line text) was already in a replaced blob is old; each extra
/// occurrence is new. A secret sitting unchanged in a file is thus reported once, at the commit
/// that added it, and a moved file does not report it again.
/// </summary>
internal static class Attribution
{
    public static IEnumerable<Detection.Detection> Added(
        IReadOnlyList<Detection.Detection> current,
        IEnumerable<IReadOnlyList<Detection.Detection>> previous)
    {
        var remaining = new Dictionary<(string, string, int), int>();
        foreach (var detection in previous.SelectMany(list => list))
        {
            remaining[detection.ContentKey] = remaining.GetValueOrDefault(detection.ContentKey) + 1;
        }

        foreach (var detection in current)
        {
            if (remaining.TryGetValue(detection.ContentKey, out var count) && count > 0)
            {
                remaining[detection.ContentKey] = count - 1;
            }
            else
            {
                yield return detection;
            }
        }
    }
}
