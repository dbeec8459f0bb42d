import { useEffect, useReducer, useState } from 'react';
import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { emptyLiveState, liveReducer } from './liveState';
import type { LiveCall, LiveExtension, LiveQueue, LiveSnapshot } from './types';

/**
 * The live feed over SignalR (/hubs/live, same origin, the session cookie authenticates): handlers first, then the
 * snapshot, then deltas. Reconnects by itself; after a reconnect it reads a fresh snapshot.
 */
export function useLiveFeed() {
  const [state, dispatch] = useReducer(liveReducer, emptyLiveState);
  const [link, setLink] = useState<'connecting' | 'open' | 'reconnecting' | 'closed'>('connecting');

  useEffect(() => {
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
      .configureLogging(LogLevel.Warning)
      .build();
    let stopped = false;
    connection.on('call', (d: { version: number; call: LiveCall }) =>
      dispatch({ type: 'delta', delta: { kind: 'call', ...d } }),
    );
    connection.on('callEnded', (d: { version: number; callId: string }) =>
      dispatch({ type: 'delta', delta: { kind: 'callEnded', ...d } }),
    );
    connection.on('extension', (d: { version: number; extension: LiveExtension }) =>
      dispatch({ type: 'delta', delta: { kind: 'extension', ...d } }),
    );
    connection.on('queue', (d: { version: number; queue: LiveQueue }) =>
      dispatch({ type: 'delta', delta: { kind: 'queue', ...d } }),
    );
    connection.on('status', (d: { version: number; connected: boolean; syncedAt: string | null }) =>
      dispatch({ type: 'delta', delta: { kind: 'status', ...d } }),
    );

    const loadSnapshot = async () => {
      const snapshot = await connection.invoke<LiveSnapshot>('GetSnapshot');
      if (!stopped) dispatch({ type: 'snapshot', snapshot, receivedAt: Date.now() });
    };
    connection.onreconnecting(() => setLink('reconnecting'));
    connection.onreconnected(() => {
      setLink('open');
      dispatch({ type: 'reset' });
      void loadSnapshot().catch(() => undefined);
    });
    connection.onclose(() => {
      if (!stopped) setLink('closed');
    });
    connection
      .start()
      .then(() => {
        if (stopped) return;
        setLink('open');
        return loadSnapshot();
      })
      .catch(() => {
        if (!stopped) setLink('closed');
      });
    return () => {
      stopped = true;
      if (connection.state !== HubConnectionState.Disconnected) void connection.stop();
    };
  }, []);

  return { state, link };
}

/** Re-renders every second: call timers and queue waits tick without any message from the server. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
