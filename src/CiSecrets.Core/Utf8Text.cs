namespace CiSecrets;

/// <summary>UTF-8 text as sops reads it.</summary>
public static class Utf8Text
{
    /// <summary>
    /// <paramref name="text"/> without a leading byte-order mark: sops drops it on read, and kept it would
    /// become part of the first key (<c>"\uFEFFdb"</c>), so the MAC and every path would differ.
    /// </summary>
    public static string WithoutByteOrderMark(string text) => text.StartsWith('\uFEFF') ? text[1..] : text;
}
