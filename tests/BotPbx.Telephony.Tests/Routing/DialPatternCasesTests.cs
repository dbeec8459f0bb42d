using System.Text.Json;
using BotPbx.Telephony.Routing;
using BotPbx.Telephony.Validation;
using BotPbx.TestSupport;

namespace BotPbx.Telephony.Tests.Routing;

/// <summary>
/// schemas/dial-pattern-cases.json: the one set of dial-pattern cases that this test and the builder's vitest
/// (frontend/src/features/pbx/routes/dialPatterns.test.ts) both run, so the server and the UI agree on what a pattern is
/// and what it matches.
/// </summary>
public class DialPatternCasesTests
{
    public sealed record PatternCase(string Pattern, bool Valid, string[]? Matches, string[]? NonMatches);

    private sealed record CaseFile(string Description, PatternCase[] Cases);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Patterns()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load()) data.Add(c.Pattern);
        return data;
    }

    private static PatternCase[] Load() =>
        JsonSerializer.Deserialize<CaseFile>(RepositoryFile.ReadAllText("schemas/dial-pattern-cases.json"), Json)!.Cases;

    [Fact]
    public void The_shared_file_has_valid_and_invalid_cases_with_samples()
    {
        var cases = Load();
        Assert.Contains(cases, c => !c.Valid && c.Pattern == "[15-7]");
        Assert.All(cases.Where(c => c.Valid), c => Assert.NotEmpty(c.Matches ?? []));
        Assert.All(cases.Where(c => !c.Valid), c => Assert.Null(c.Matches));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void The_server_agrees_with_the_shared_case(string pattern)
    {
        var c = Load().Single(x => x.Pattern == pattern);
        Assert.Equal(c.Valid, Rules.DialPattern.IsMatch(c.Pattern));
        var errors = new ValidationErrors();
        Rules.DialPattern.Check(errors, "pattern", c.Pattern);
        Assert.Equal(c.Valid, errors.IsValid);
        foreach (var number in c.Matches ?? []) Assert.True(DialPattern.Matches(c.Pattern, number), $"{c.Pattern} should match {number}");
        foreach (var number in c.NonMatches ?? []) Assert.False(DialPattern.Matches(c.Pattern, number), $"{c.Pattern} should not match {number}");
    }
}
