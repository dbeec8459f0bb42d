namespace BotPbx.Ivr.Nodes;

/// <summary>Kinds of PBX objects a flow may point at; the host checks they exist (<see cref="Validation.IIvrReferenceChecker"/>).</summary>
public enum IvrReferenceKind
{
    Extension,
    ExternalNumber,
    Queue,
    RingGroup,
    AiAgent,
    Recording,
    Ivr,
    Mailbox,
    TtsEngine,
}

/// <summary>One pointer from a node to a PBX object. <see cref="Field"/> is where it sits in the node's data.</summary>
public sealed record IvrReference(IvrReferenceKind Kind, string Id, string Field);
