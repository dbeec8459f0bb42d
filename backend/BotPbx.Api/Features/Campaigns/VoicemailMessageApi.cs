using BotPbx.Api.Features.Auth;
using BotPbx.Api.Features.Ivr;
using BotPbx.Api.Features.Telephony.MohClasses;
using BotPbx.Api.Problems;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Campaigns;

public sealed record VoicemailMessageResponse(string RecordingId);

/// <summary>
/// POST /api/campaigns/voicemail-messages: the campaign form's "upload a message" button. The audio (wav, mp3, ogg,
/// flac…) is converted with sox to 8 kHz mono 16-bit WAV, as hold music is (<see cref="MohAudio"/>), and stored among
/// the IVR recordings under a generated id, which the form puts in onVoicemail.recordingId. Not tied to a campaign, so
/// a campaign being created can use it before it has an id.
/// </summary>
public static partial class VoicemailMessageApi
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/voicemail-messages", UploadAsync).RequireAuthorization(Policies.Admin).ProducesInputProblems().DisableAntiforgery()
            .WithName("UploadCampaignVoicemailMessage")
            .WithSummary("Upload the message left on answering machines (multipart field 'file'; wav, mp3…); returns its recordingId");
    }

    /// <remarks>The form is read by hand (as the hold-music upload does) so that a wrong content type is a 400 problem after authorization.</remarks>
    private static async Task<Results<Created<VoicemailMessageResponse>, ProblemHttpResult>> UploadAsync(HttpRequest request, IvrFeatureOptions ivr,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return ApiProblems.Validation("file", "send multipart/form-data with the audio in the field 'file'");
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file) return ApiProblems.Validation("file", "is required");
        if (MohAudio.SoxPath is null) return ApiProblems.Validation("file", "sox is not installed, so uploads cannot be converted for Asterisk");
        // Converted in a folder of its own (the stored name follows the uploaded one there), then moved under the generated id.
        var work = Path.Combine(ivr.RecordingsDirectory, ".upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (stored, error) = await MohAudio.StoreAsync(file, work, cancellationToken);
            // sox names the server's temporary file in its message: the user sees "the file" instead.
            if (error is not null || stored is null) return ApiProblems.Validation("file", QuotedPath().Replace(error ?? "could not be stored", "the file"));
            var id = "campaign-vm-" + Guid.NewGuid().ToString("N")[..12];
            File.Move(Path.Combine(work, stored), Path.Combine(ivr.RecordingsDirectory, id + ".wav"));
            return TypedResults.Created($"/api/campaigns/voicemail-messages/{id}", new VoicemailMessageResponse(id));
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex("`[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPath();
}
