using BotPbx.Data;

namespace BotPbx.Api.IntegrationTests.Database;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_postgresql_url_becomes_an_npgsql_connection_string()
    {
        var builder = PostgresConnectionString.Parse("postgresql://botpbx:p%40ss%3Aword@db.example:6543/botpbx?sslmode=require");

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("botpbx", builder.Database);
        Assert.Equal("botpbx", builder.Username);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal("botpbx", builder.ApplicationName);
    }

    [Fact]
    public void The_short_scheme_and_defaults_are_understood()
    {
        var builder = PostgresConnectionString.Parse("postgres://user@localhost");

        Assert.Equal(5432, builder.Port);
        Assert.Equal("postgres", builder.Database);
        Assert.Null(builder.Password);
    }

    [Fact]
    public void A_key_value_string_is_taken_as_it_is()
    {
        var builder = PostgresConnectionString.Parse("Host=10.0.0.5;Port=5433;Database=pbx;Username=u;Password=p;Application Name=mine");

        Assert.Equal("10.0.0.5", builder.Host);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("mine", builder.ApplicationName);
        Assert.Equal("10.0.0.5:5433/pbx", PostgresConnectionString.Describe(builder));
    }

    [Fact]
    public void A_broken_url_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<FormatException>(() => PostgresConnectionString.Parse("postgresql://user:Secret-Pw@/"));
        Assert.DoesNotContain("Secret-Pw", error.Message);
    }
}
