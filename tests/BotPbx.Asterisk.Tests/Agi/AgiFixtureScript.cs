using System.Text;

namespace BotPbx.Asterisk.Tests.Agi;

/// <summary>One command the recorder sent and everything Asterisk wrote before the next command (reply, HANGUP lines).</summary>
internal sealed record AgiExchange(string Command, string Reply);

/// <summary>A fastagi-* capture cut into the environment block and the command/reply exchanges that followed.</summary>
internal sealed class AgiFixtureScript
{
    private AgiFixtureScript(byte[] environment, IReadOnlyList<AgiExchange> exchanges)
    {
        Environment = environment;
        Exchanges = exchanges;
    }

    public byte[] Environment { get; }

    public IReadOnlyList<AgiExchange> Exchanges { get; }

    public static AgiFixtureScript Load(string name)
    {
        var chunks = FixtureRecording.Load($"Fixtures/{name}.jsonl");
        var environment = new List<byte>();
        var exchanges = new List<AgiExchange>();
        string? command = null;
        var reply = new StringBuilder();
        foreach (var chunk in chunks)
        {
            // What Asterisk wrote after the recorder's close (its final HANGUP) belongs to the close, which the scripted
            // peer answers by itself.
            if (chunk.Eof) break;
            if (!chunk.FromAsterisk)
            {
                if (command is not null) exchanges.Add(new AgiExchange(command, reply.ToString()));
                command = Encoding.UTF8.GetString(chunk.Bytes).TrimEnd('\n');
                reply.Clear();
            }
            else if (command is null) environment.AddRange(chunk.Bytes);
            else reply.Append(Encoding.UTF8.GetString(chunk.Bytes));
        }
        if (command is not null) exchanges.Add(new AgiExchange(command, reply.ToString()));
        return new AgiFixtureScript([.. environment], exchanges);
    }
}
