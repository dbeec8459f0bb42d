namespace BotPbx.Ivr.Runtime;

/// <summary>
/// The folder recordMessage nodes record into (<see cref="IvrOptions.MessagesDirectory"/>). Asterisk's RECORD FILE
/// opens its file with O_CREAT but makes no folders (main/file.c, ast_writefile: "Unable to open file …: No such file
/// or directory"), and the AGI command then fails with -1: the caller got the error prompt instead of a recording. So
/// the host makes the folder when it starts, before any call records.
/// </summary>
public static class MessagesFolder
{
    /// <summary>Makes <paramref name="directory"/> and its parents when missing: null when it exists afterwards, else why not.</summary>
    public static string? Ensure(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }
}
