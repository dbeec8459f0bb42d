using BotPbx.Api.Features.Asterisk;
using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Telephony.Common;
using BotPbx.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Telephony.MohClasses;

public sealed record MohFilesResponse(string Directory, IReadOnlyList<string> Files, bool Converts);

/// <summary>/api/moh-classes, plus the audio files of a class (upload converts with sox when installed).</summary>
public static class MohClassesApi
{
    public static IEndpointRouteBuilder MapMohClassesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/moh-classes").WithTags("Music on hold");
        PbxCrud.Map(group, PbxTables.MohClasses, ("MohClass", "MohClasses"), Policies.Supervisor, Policies.Admin);
        group.MapGet("/{id:long}/files", ListFilesAsync).RequireAuthorization(Policies.Supervisor).WithName("ListMohFiles")
            .WithSummary("Audio files of the class");
        group.MapPost("/{id:long}/files", UploadAsync).RequireAuthorization(Policies.Admin).WithName("UploadMohFile")
            .WithSummary("Upload one audio file (multipart field 'file'); converted to 8 kHz mono WAV when sox is installed")
            .DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<MohFilesResponse>, ProblemHttpResult>> ListFilesAsync(long id, PbxStore store, ConfigApplyService apply,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(PbxTables.MohClasses, id, cancellationToken) is not { } moh) return PbxCrud.NotFound(PbxTables.MohClasses);
        var directory = Path.Combine(apply.RenderOptions().MohRoot, moh.Name);
        return TypedResults.Ok(new MohFilesResponse(directory, MohAudio.List(directory), MohAudio.SoxPath is not null));
    }

    /// <remarks>
    /// The form is read by hand rather than bound as IFormFile: a bound form adds content-type matching, which would
    /// answer a wrong content type with 404/415 before authorization runs.
    /// </remarks>
    private static async Task<Results<Ok<MohFilesResponse>, ProblemHttpResult>> UploadAsync(long id, HttpRequest request, PbxStore store,
        ConfigApplyService apply, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(PbxTables.MohClasses, id, cancellationToken) is not { } moh) return PbxCrud.NotFound(PbxTables.MohClasses);
        if (!request.HasFormContentType) return ApiProblems.Validation("file", "send multipart/form-data with the audio in the field 'file'");
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file) return ApiProblems.Validation("file", "is required");
        var directory = Path.Combine(apply.RenderOptions().MohRoot, moh.Name);
        var (_, error) = await MohAudio.StoreAsync(file, directory, cancellationToken);
        if (error is not null) return ApiProblems.Validation("file", error);
        return TypedResults.Ok(new MohFilesResponse(directory, MohAudio.List(directory), MohAudio.SoxPath is not null));
    }
}
