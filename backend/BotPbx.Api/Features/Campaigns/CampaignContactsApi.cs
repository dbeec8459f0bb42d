using BotPbx.Api.Problems;
using BotPbx.Dialer.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BotPbx.Api.Features.Campaigns;

/// <summary>A contact as JSON (seed 003): the phone and its variables.</summary>
public sealed record ContactRequest(string? Phone, Dictionary<string, string>? Variables);

public sealed record DispositionRequest(string? Disposition);

/// <summary>/api/campaigns/{id}/contacts: JSON (seed 003) or CSV in; per-row errors out; the list, each contact's attempts, dispositions.</summary>
public static class CampaignContactsApi
{
    /// <summary>100,000 rows is the benchmarked import; beyond a million a file is split.</summary>
    public const int MaxRows = 1_000_000;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:long}/contacts", AddJsonAsync).ProducesInputProblems().WithName("AddCampaignContacts")
            .WithSummary("Add contacts as JSON [{phone, variables}]: numbers to E.164, duplicates merged, per-row errors (row = 1-based item)");
        g.MapPost("/{id:long}/contacts/csv", AddCsvAsync).ProducesInputProblems().DisableAntiforgery().WithName("UploadCampaignContactsCsv")
            .WithSummary("Upload a CSV (multipart field 'file', or a text/csv body): a phone column, every other column a variable; per-row errors with the file's line number");
        g.MapGet("/{id:long}/contacts", ListAsync).ProducesInputProblems().WithName("ListCampaignContacts")
            .WithSummary("Contacts, filtered by state (pending, dialing, answered-human, machine, no-answer, busy, failed, done, dnc)");
        g.MapGet("/{id:long}/contacts/{contactId:long}/attempts", AttemptsAsync).WithName("ListContactAttempts")
            .WithSummary("Every call placed to the contact, with its outcome, AMD result and hang-up cause");
        g.MapPut("/{id:long}/contacts/{contactId:long}/disposition", DispositionAsync).ProducesInputProblems().WithName("SetContactDisposition")
            .WithSummary("Record a disposition (e.g. converted) for a contact, as an agent, IVR (BOTPBX_DISPOSITION) or CRM would");
    }

    private static async Task<Results<Ok<ContactImportResult>, ProblemHttpResult>> AddJsonAsync(long id, List<ContactRequest?>? contacts,
        CampaignStore campaigns, ContactStore store, CancellationToken cancellationToken)
    {
        if (contacts is null or { Count: 0 }) return ApiProblems.Validation("contacts", "send a JSON array of {phone, variables}");
        if (contacts.Count > MaxRows) return ApiProblems.Validation("contacts", $"at most {MaxRows} contacts per request");
        var rows = contacts.Select((c, i) => new ContactInput(i + 1, c?.Phone, c?.Variables ?? new Dictionary<string, string>(),
            c is null ? "null instead of a contact" : null));
        return await ImportAsync(id, rows, contacts.Count, campaigns, store, cancellationToken);
    }

    private static async Task<Results<Ok<ContactImportResult>, ProblemHttpResult>> AddCsvAsync(long id, HttpRequest request,
        CampaignStore campaigns, ContactStore store, CancellationToken cancellationToken)
    {
        Stream body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("file") is not { } file) return ApiProblems.Validation("file", "attach the CSV as the multipart field 'file'");
            body = file.OpenReadStream();
        }
        else
        {
            // Buffered: CsvHelper reads synchronously, which Kestrel refuses on the request stream.
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            body = buffer;
        }
        await using (body)
        {
            var (rows, fileError) = ContactCsvReader.Read(body);
            if (fileError is not null) return ApiProblems.Validation("file", $"row {fileError.Row}: {fileError.Reason}");
            if (rows.Count == 0) return ApiProblems.Validation("file", "the file has a header but no contacts");
            if (rows.Count > MaxRows) return ApiProblems.Validation("file", $"at most {MaxRows} rows per file");
            return await ImportAsync(id, rows, rows.Count, campaigns, store, cancellationToken);
        }
    }

    private static async Task<Results<Ok<ContactImportResult>, ProblemHttpResult>> ImportAsync(long id, IEnumerable<ContactInput> rows, int received,
        CampaignStore campaigns, ContactStore store, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(id, cancellationToken) is not { } campaign) return ApiProblems.NotFound("There is no campaign with this id.");
        if (campaign.Status == "stopped") return ApiProblems.Conflict("The campaign is stopped; contacts cannot be added.");
        var batch = ContactNormalizer.Normalize(rows, new PhoneNormalizer(campaign.Settings.DefaultRegion));
        return TypedResults.Ok(await store.ImportAsync(id, batch, received, cancellationToken));
    }

    private static async Task<Results<Ok<ListResponse<CampaignContact>>, ProblemHttpResult>> ListAsync(long id, string? state, int? limit, int? offset,
        ContactStore store, CancellationToken cancellationToken)
    {
        if (state is not null && !ContactStates.TryParse(state, out _)) return ApiProblems.Validation("state", "must be one of " + string.Join(", ", ContactStates.All));
        var page = ListQuery.Validate(null, limit, offset);
        var (items, total) = await store.ListAsync(id, state, page.Limit, page.Offset, cancellationToken);
        return TypedResults.Ok(new ListResponse<CampaignContact>(items, total));
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactAttempt>>, ProblemHttpResult>> AttemptsAsync(long id, long contactId, ContactStore store,
        CancellationToken cancellationToken) =>
        await store.AttemptsAsync(id, contactId, cancellationToken) is { } attempts
            ? TypedResults.Ok(attempts)
            : ApiProblems.NotFound("There is no such contact in this campaign.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DispositionAsync(long id, long contactId, DispositionRequest request,
        ContactStore store, CancellationToken cancellationToken)
    {
        if (!CampaignValidator.IsDisposition(request.Disposition)) return ApiProblems.Validation("disposition", "must be 1 to 32 lower-case letters, digits or _");
        return await store.SetDispositionAsync(id, contactId, request.Disposition!, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("There is no such contact in this campaign.");
    }
}
