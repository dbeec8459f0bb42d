namespace BotPbx.TestSupport;

/// <summary>Files of the repository itself (templates, shared test cases), found from the test binary's folder upwards.</summary>
public static class RepositoryFile
{
    /// <summary>The absolute path of <paramref name="relativePath"/> (e.g. <c>schemas/dial-pattern-cases.json</c>).</summary>
    public static string Path(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BotPbx.sln")))
                return System.IO.Path.Combine(dir.FullName, relativePath);
        }
        throw new FileNotFoundException("repository root (BotPbx.sln) not found above " + AppContext.BaseDirectory);
    }

    public static string ReadAllText(string relativePath) => File.ReadAllText(Path(relativePath));
}
