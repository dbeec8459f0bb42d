using System.Text;
using BotPbx.Dialer.Amd;
using BotPbx.Dialer.Contacts;

namespace BotPbx.Dialer.Tests;

public sealed class ContactImportTests
{
    private static readonly PhoneNormalizer Us = new("US");

    private static ContactBatch Import(string csv)
    {
        var (rows, fileError) = ContactCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        Assert.Null(fileError);
        return ContactNormalizer.Normalize(rows, Us);
    }

    [Theory]
    [InlineData("+15551234567", "US", "+15551234567")]
    [InlineData("(212) 555-0101", "US", "+12125550101")]
    [InlineData("212.555.0101", "US", "+12125550101")]
    [InlineData("020 7946 0018", "GB", "+442079460018")]
    [InlineData("+44 20 7946 0018", "US", "+442079460018")]
    public void Numbers_are_normalised_to_E164_in_the_default_region(string typed, string region, string expected) =>
        Assert.Equal(expected, new PhoneNormalizer(region).Normalize(typed, out _));

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("not a number")]
    [InlineData("+999 1234567")]
    public void Impossible_numbers_are_refused_with_a_reason(string typed)
    {
        Assert.Null(Us.Normalize(typed, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Seed_003s_csv_reads_phone_and_every_other_column_as_a_variable()
    {
        var batch = Import("phone,first_name,last_name,appointment_date,appointment_time\n+15551234567,John,Smith,2024-01-15,10:00 AM\n+15559876543,Jane,Doe,2024-01-15,2:30 PM\n");
        Assert.Empty(batch.Errors);
        Assert.Equal(["+15551234567", "+15559876543"], batch.Contacts.Select(c => c.Phone));
        Assert.Equal("10:00 AM", batch.Contacts[0].Variables["appointment_time"]);
        Assert.Equal("Jane", batch.Contacts[1].Variables["first_name"]);
        Assert.False(batch.Contacts[0].Variables.ContainsKey("phone"));
    }

    [Fact]
    public void Bad_rows_are_reported_by_line_number_and_reason_and_good_rows_kept()
    {
        var batch = Import("phone,first_name\n+15551234567,John\n123,Short\n\n,Empty\n\"+1 (555) 987-6543\",\"Doe, Jane\"\n+15551112222,a,extra\n");
        Assert.Equal(["+15551234567", "+15559876543"], batch.Contacts.Select(c => c.Phone));
        Assert.Equal("Doe, Jane", batch.Contacts[1].Variables["first_name"]);
        Assert.Equal([3, 5, 7], batch.Errors.Select(e => e.Row));
        Assert.Contains("possible", batch.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("empty", batch.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("3 cells", batch.Errors[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_are_merged_with_the_later_rows_variables_winning()
    {
        var batch = Import("phone,first_name,city\n+15551234567,John,\n(555) 123-4567,Johnny,Boston\n");
        var contact = Assert.Single(batch.Contacts);
        Assert.Equal(1, batch.DuplicatesMerged);
        Assert.Equal("Johnny", contact.Variables["first_name"]);
        Assert.Equal("Boston", contact.Variables["city"]);
    }

    [Fact]
    public void A_file_without_a_phone_column_is_refused_as_a_whole()
    {
        var (rows, error) = ContactCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("number,name\n+15551234567,John\n")));
        Assert.Empty(rows);
        Assert.Equal(1, error!.Row);
    }

    [Fact]
    public void Column_names_that_cannot_be_variables_are_refused_per_row()
    {
        var batch = Import("phone,first name\n+15551234567,John\n");
        Assert.Equal(2, Assert.Single(batch.Errors).Row);
    }

    [Fact]
    public void Amd_arguments_follow_app_amd_order_with_seed_003s_defaults() =>
        Assert.Equal(["2500", "1500", "800", "5000", "100", "50", "3", "256", "5000"], new AmdSettings().Arguments());
}
