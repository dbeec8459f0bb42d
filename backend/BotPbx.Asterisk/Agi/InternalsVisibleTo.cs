using System.Runtime.CompilerServices;

// The framing parsers stay internal; their tests split every message at every byte boundary.
[assembly: InternalsVisibleTo("BotPbx.Asterisk.Tests")]
