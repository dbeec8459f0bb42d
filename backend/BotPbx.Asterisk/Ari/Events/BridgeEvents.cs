namespace BotPbx.Asterisk.Ari;

/// <summary>Note: a bridge created through ARI produces no BridgeCreated (fixture ari-stasis-call-websocket);
/// this comes for bridges created elsewhere that the application is subscribed to.</summary>
public sealed class BridgeCreatedEvent : AriBridgeEvent;

public sealed class BridgeDestroyedEvent : AriBridgeEvent;

public sealed class ChannelEnteredBridgeEvent : AriChannelBridgeEvent;

public sealed class ChannelLeftBridgeEvent : AriChannelBridgeEvent;
