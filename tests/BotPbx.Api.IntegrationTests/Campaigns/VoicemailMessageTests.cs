using System.Net.Http.Headers;
using BotPbx.Api.IntegrationTests.Telephony;

namespace BotPbx.Api.IntegrationTests.Campaigns;

/// <summary>POST /api/campaigns/voicemail-messages: the campaign form's message upload (sox-converted, stored as an IVR recording).</summary>
public sealed class VoicemailMessageTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>One second of a 440 Hz tone, 16 kHz stereo 16-bit PCM: not what Asterisk plays, so sox must convert it.</summary>
    private static byte[] Wav()
    {
        const int rate = 16000, channels = 2, samples = rate;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(36 + samples * channels * 2);
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)channels);
        w.Write(rate);
        w.Write(rate * channels * 2);
        w.Write((short)(channels * 2));
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples * channels * 2);
        for (var i = 0; i < samples; i++)
        {
            var v = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate));
            w.Write(v);
            w.Write(v);
        }
        w.Flush();
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return client.PostAsync("/api/campaigns/voicemail-messages", form);
    }

    private static object Campaign(long trunk, long extension, string name, string recordingId) => new
    {
        name,
        callerId = "+15551234567",
        trunkId = trunk,
        schedule = new { start = "09:00", end = "18:00", days = new[] { "mon" }, timeZone = "America/New_York" },
        concurrentCalls = 1,
        callsPerMinute = 10,
        answerTimeoutSeconds = 30,
        retry = new { attempts = 0, noAnswerDelaySeconds = 60, busyDelaySeconds = 60, failedDelaySeconds = 60 },
        amd = new { enabled = true },
        onAnswer = new { type = "extension", target = extension.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        onVoicemail = new { action = "playRecording", recordingId },
    };

    [Fact]
    public async Task An_uploaded_wav_is_converted_to_8_kHz_mono_and_a_campaign_can_leave_it_on_machines()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        using var response = await UploadAsync(admin, Wav(), "Reminder message.wav");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("recordingId").GetString()!;
        Assert.Matches("^campaign-vm-[0-9a-f]{12}$", id);

        var stored = Directory.GetFiles(fixture.Api.AsteriskRoot, id + ".wav", SearchOption.AllDirectories).Single();
        var header = File.ReadAllBytes(stored)[..36];
        Assert.Equal(1, BitConverter.ToInt16(header, 22));
        Assert.Equal(8000, BitConverter.ToInt32(header, 24));
        Assert.Equal(16, BitConverter.ToInt16(header, 34));
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(stored)!), d => Path.GetFileName(d).StartsWith(".upload-", StringComparison.Ordinal));

        var trunk = await admin.CreateTrunkAsync();
        var (extension, _, _) = await admin.CreateExtensionAsync();
        using var created = await admin.PostAsJsonAsync("/api/campaigns", Campaign(trunk, extension, "Message " + TelephonyClient.NewNumber(), id));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_campaign_naming_a_recording_that_does_not_exist_is_refused_on_that_field()
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var trunk = await admin.CreateTrunkAsync();
        var (extension, _, _) = await admin.CreateExtensionAsync();
        var problem = await Problem.ReadAsync(
            await admin.PostAsJsonAsync("/api/campaigns", Campaign(trunk, extension, "Missing " + TelephonyClient.NewNumber(), "campaign-vm-000000000000")),
            HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("upload the message again", Assert.Single(problem.Errors["onVoicemail.recordingId"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.txt", "must be one of")]
    [InlineData("broken.wav", "sox could not convert")]
    [InlineData("....wav", "no usable characters")]
    public async Task A_file_that_is_not_usable_audio_is_a_problem_on_the_file_field(string fileName, string reason)
    {
        using var admin = await fixture.Api.SignInAsAdminAsync();
        var problem = await Problem.ReadAsync(await UploadAsync(admin, "not audio at all"u8.ToArray(), fileName), HttpStatusCode.UnprocessableEntity, "validation_failed");
        var message = Assert.Single(problem.Errors["file"]);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_upload_messages()
    {
        var (supervisor, _) = await fixture.Api.CreateSignedInUserAsync("supervisor");
        await Problem.ReadAsync(await UploadAsync(supervisor, Wav(), "m.wav"), HttpStatusCode.Forbidden, "forbidden");
        await Problem.ReadAsync(await UploadAsync(fixture.Api.Anonymous(), Wav(), "m.wav"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
