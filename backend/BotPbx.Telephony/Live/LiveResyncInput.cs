using BotPbx.Asterisk.Ami;

namespace BotPbx.Telephony.Live;

/// <summary>
/// What Asterisk answered to the resync's list actions, as the item events came: <c>CoreShowChannels</c>
/// (CoreShowChannel), <c>QueueStatus</c> (QueueParams, QueueMember, QueueEntry), <c>ExtensionStateList</c>
/// (ExtensionStatus), <c>PJSIPShowContacts</c> (ContactList), and AstDB's BOTPBX/&lt;ext&gt;/dnd per extension
/// (null value: no key; a null map: not read, keep what is known).
/// </summary>
public sealed record LiveResyncInput(
    IReadOnlyList<AmiEvent> Channels,
    IReadOnlyList<AmiEvent> QueueStatus,
    IReadOnlyList<AmiEvent> ExtensionStates,
    IReadOnlyList<AmiEvent> Contacts,
    IReadOnlyDictionary<string, bool?>? Dnd);
