using System.Net.Http.Headers;

namespace BotPbx.Api.IntegrationTests.Telephony;

public sealed class MohUploadTests(TelephonyFixture fixture) : IClassFixture<TelephonyFixture>
{
    private ApiFactory Api => fixture.Api;

    /// <summary>0.1 s of 8 kHz mono 16-bit silence as a RIFF/WAVE file.</summary>
    private static byte[] Wav()
    {
        const int samples = 800;
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2); w.Write(new byte[samples * 2]);
        w.Flush();
        return stream.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", fileName);
        return form;
    }

    [Fact]
    public async Task An_uploaded_wav_lands_in_the_class_directory_under_a_safe_name()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = (await admin.CreateAsync("/api/moh-classes", new { name = "upload-test" })).GetProperty("id").GetInt64();
        using var form = Form(Wav(), "My Hold Music!.wav");
        using var response = await admin.PostAsync($"/api/moh-classes/{id}/files", form);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["my-hold-music.wav"], body.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.True(File.Exists(Path.Combine(body.GetProperty("directory").GetString()!, "my-hold-music.wav")));
    }

    [Fact]
    public async Task Files_that_are_not_audio_are_refused()
    {
        using var admin = await Api.SignInAsAdminAsync();
        var id = (await admin.CreateAsync("/api/moh-classes", new { name = "refuse-test" })).GetProperty("id").GetInt64();
        using var form = Form([1, 2, 3], "script.sh");
        var problem = await Problem.ReadAsync(await admin.PostAsync($"/api/moh-classes/{id}/files", form), HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Contains("file", problem.Errors.Keys);
    }
}
