// The browser phone's engine: one JsSIP 3.12 user agent registered as the user's browser endpoint (<ext>-webrtc)
// over the WebSocket the API names, and the calls it has. No React here: the provider subscribes to its snapshots.
// JsSIP 3.12 is pinned: 3.13 ships no browser build (DESIGN.md).
import JsSIP from 'jssip';
import type { RTCSession } from 'jssip/src/RTCSession';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent, UA } from 'jssip/src/UA';

type RTCSessionEvent = IncomingRTCSessionEvent | OutgoingRTCSessionEvent;
import { dialable, normalizeNumber } from './dialing';
import { addRecent, loadRecent, type RecentCall } from './recentCalls';

export interface IceServerConfig {
  urls: string[];
  username?: string | null;
  credential?: string | null;
}

export interface PhoneCredentials {
  extension: string;
  displayName: string;
  sipUri: string;
  authorizationUser: string;
  password: string;
  webSocketUrl: string;
  iceServers: IceServerConfig[];
}

export type RegistrationStatus = 'connecting' | 'registered' | 'unregistered' | 'failed';

export type CallStatus = 'ringing' | 'calling' | 'active' | 'ended';

export interface PhoneCall {
  id: string;
  direction: 'incoming' | 'outgoing';
  /** The other party's number (user part of the remote URI). */
  remote: string;
  remoteName: string;
  status: CallStatus;
  startedAt: number;
  answeredAt: number | null;
  held: boolean;
  muted: boolean;
  /** Why it ended, when it did. */
  cause: string | null;
  /** The call this one consults for an attended transfer. */
  consultFor: string | null;
}

export interface PhoneSnapshot {
  registration: RegistrationStatus;
  error: string | null;
  extension: string;
  calls: PhoneCall[];
  recent: RecentCall[];
  /** The remote audio of each call, for the <audio> elements the provider renders. */
  streams: Record<string, MediaStream>;
}

type Listener = () => void;

export class SipPhone {
  private readonly ua: UA;
  private readonly domain: string;
  private readonly sessions = new Map<string, RTCSession>();
  private readonly listeners = new Set<Listener>();
  private snapshot: PhoneSnapshot;
  private readonly pcConfig: RTCConfiguration;

  constructor(credentials: PhoneCredentials) {
    this.domain = credentials.sipUri.replace(/^sip:[^@]*@/, '');
    this.pcConfig = {
      iceServers: credentials.iceServers.map((s) => ({
        urls: s.urls,
        ...(s.username ? { username: s.username } : {}),
        ...(s.credential ? { credential: s.credential } : {}),
      })),
    };
    this.snapshot = {
      registration: 'connecting',
      error: null,
      extension: credentials.extension,
      calls: [],
      recent: loadRecent(credentials.extension),
      streams: {},
    };
    const socket = new JsSIP.WebSocketInterface(credentials.webSocketUrl);
    this.ua = new JsSIP.UA({
      sockets: [socket],
      uri: credentials.sipUri,
      authorization_user: credentials.authorizationUser,
      password: credentials.password,
      display_name: credentials.displayName,
      register: true,
      register_expires: 300,
      session_timers: false,
      user_agent: 'BotPBX browser phone (JsSIP 3.12)',
    });
    this.ua.on('registered', () => this.update({ registration: 'registered', error: null }));
    this.ua.on('unregistered', () => this.update({ registration: 'unregistered' }));
    this.ua.on('registrationFailed', (e) =>
      this.update({ registration: 'failed', error: `Registration failed: ${e.cause ?? 'unknown cause'}` }),
    );
    this.ua.on('disconnected', () => {
      if (this.snapshot.registration !== 'failed')
        this.update({ registration: 'connecting', error: 'Reconnecting to the PBX…' });
    });
    this.ua.on('newRTCSession', (e: RTCSessionEvent) =>
      this.track(e.session, e.originator === 'remote' ? 'incoming' : 'outgoing'),
    );
  }

  start(): void {
    this.ua.start();
  }

  stop(): void {
    for (const session of this.sessions.values()) {
      try {
        session.terminate();
      } catch {
        // Already ending.
      }
    }
    this.ua.stop();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PhoneSnapshot => this.snapshot;

  /** Dials a number; returns the call's id. */
  dial(text: string): string {
    const number = normalizeNumber(text);
    if (!dialable.test(number)) throw new Error('Enter digits only (and * # +).');
    const session = this.ua.call(`sip:${number}@${this.domain}`, {
      mediaConstraints: { audio: true, video: false },
      pcConfig: this.pcConfig,
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
    });
    return this.idOf(session);
  }

  answer(id: string): void {
    this.session(id)?.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: this.pcConfig });
  }

  hangup(id: string): void {
    const session = this.session(id);
    if (session && !session.isEnded()) session.terminate();
  }

  toggleHold(id: string): void {
    const session = this.session(id);
    if (!session) return;
    if (session.isOnHold().local) session.unhold();
    else session.hold();
  }

  toggleMute(id: string): void {
    const session = this.session(id);
    if (!session) return;
    if (session.isMuted().audio) session.unmute({ audio: true });
    else session.mute({ audio: true });
  }

  /** Key presses in the RTP stream (RFC 4733), as the extensions' dtmf_mode expects. */
  sendDtmf(id: string, tones: string): void {
    if (!/^[0-9*#A-D]+$/.test(tones)) return;
    this.session(id)?.sendDTMF(tones, {
      transportType: JsSIP.C.DTMF_TRANSPORT.RFC2833,
      duration: 160,
      interToneGap: 100,
    });
  }

  /** Blind transfer: the PBX connects the other party to `number`, and this call ends. */
  blindTransfer(id: string, text: string): void {
    const number = normalizeNumber(text);
    if (!dialable.test(number)) throw new Error('Enter digits only (and * # +).');
    const session = this.session(id);
    session?.refer(`sip:${number}@${this.domain}`, { eventHandlers: this.leaveWhenReferred(session) });
  }

  /** Attended transfer, step 1: hold the call and ring the transfer target; returns the consult call's id. */
  startAttendedTransfer(id: string, text: string): string {
    const session = this.session(id);
    if (session && !session.isOnHold().local) session.hold();
    const consult = this.dial(text);
    this.patch(consult, { consultFor: id });
    return consult;
  }

  /** Attended transfer, step 2: join the held call to the consulted party (REFER with Replaces) and leave. */
  completeAttendedTransfer(consultId: string): void {
    const call = this.snapshot.calls.find((c) => c.id === consultId);
    const original = call?.consultFor ? this.session(call.consultFor) : undefined;
    const consult = this.session(consultId);
    if (!original || !consult) return;
    original.refer(consult.remote_identity.uri, { replaces: consult, eventHandlers: this.leaveWhenReferred(original) });
  }

  /**
   * Asterisk reports the transfer's progress in NOTIFYs and leaves the transferring call up: once it says the
   * transfer was accepted, this side hangs up (the other parties are connected by then). A refused transfer leaves
   * the call as it was.
   */
  private leaveWhenReferred(session: RTCSession) {
    return {
      accepted: () => {
        if (!session.isEnded()) session.terminate();
      },
      failed: () => {
        if (!session.isEnded() && session.isOnHold().local) session.unhold();
      },
    };
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private session(id: string): RTCSession | undefined {
    return this.sessions.get(id);
  }

  private idOf(session: RTCSession): string {
    for (const [id, s] of this.sessions) if (s === session) return id;
    return this.track(session, 'outgoing');
  }

  private track(session: RTCSession, direction: 'incoming' | 'outgoing'): string {
    for (const [id, s] of this.sessions) if (s === session) return id;
    const id = session.id ?? `call-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    this.sessions.set(id, session);
    const remote = session.remote_identity;
    const call: PhoneCall = {
      id,
      direction,
      remote: remote?.uri?.user ?? '',
      remoteName: remote?.display_name ?? '',
      status: direction === 'incoming' ? 'ringing' : 'calling',
      startedAt: Date.now(),
      answeredAt: null,
      held: false,
      muted: false,
      cause: null,
      consultFor: null,
    };
    this.update({ calls: [...this.snapshot.calls, call] });

    const attach = (connection: RTCPeerConnection) => {
      const publish = () => {
        const stream = new MediaStream();
        for (const receiver of connection.getReceivers()) if (receiver.track) stream.addTrack(receiver.track);
        this.update({ streams: { ...this.snapshot.streams, [id]: stream } });
      };
      connection.addEventListener('track', publish);
      if (connection.getReceivers().length > 0) publish();
    };
    if (session.connection) attach(session.connection as unknown as RTCPeerConnection);
    session.on('peerconnection', (e) => attach(e.peerconnection as unknown as RTCPeerConnection));
    session.on('accepted', () => this.patch(id, { status: 'active', answeredAt: Date.now() }));
    session.on('confirmed', () => {
      const current = this.snapshot.calls.find((c) => c.id === id);
      if (current && current.status !== 'active') this.patch(id, { status: 'active', answeredAt: Date.now() });
    });
    session.on('hold', (e) => e.originator === 'local' && this.patch(id, { held: true }));
    session.on('unhold', (e) => e.originator === 'local' && this.patch(id, { held: false }));
    session.on('muted', () => this.patch(id, { muted: true }));
    session.on('unmuted', () => this.patch(id, { muted: false }));
    const finish = (cause: string) => this.finish(id, cause);
    session.on('ended', (e) => finish(e.cause ?? 'Ended'));
    session.on('failed', (e) => finish(e.cause ?? 'Failed'));
    return id;
  }

  private finish(id: string, cause: string): void {
    const call = this.snapshot.calls.find((c) => c.id === id);
    this.sessions.delete(id);
    const streams = { ...this.snapshot.streams };
    delete streams[id];
    if (!call) {
      this.update({ streams });
      return;
    }
    const recent = addRecent(this.snapshot.extension, {
      number: call.remote,
      name: call.remoteName,
      direction: call.direction,
      at: call.startedAt,
      seconds: call.answeredAt ? Math.round((Date.now() - call.answeredAt) / 1000) : 0,
      answered: call.answeredAt !== null,
    });
    // An ended call shows its cause for a moment, then leaves the list.
    this.update({
      calls: this.snapshot.calls.map((c) => (c.id === id ? { ...c, status: 'ended', cause } : c)),
      streams,
      recent,
    });
    setTimeout(() => this.update({ calls: this.snapshot.calls.filter((c) => c.id !== id) }), 2500);
  }

  private patch(id: string, changes: Partial<PhoneCall>): void {
    this.update({ calls: this.snapshot.calls.map((c) => (c.id === id ? { ...c, ...changes } : c)) });
  }

  private update(changes: Partial<PhoneSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of this.listeners) listener();
  }
}
