// One simulated call against the API (POST /api/ivrs/{id}/simulate…): the server runs the real node executors on a
// simulated channel and answers once the flow waits for the caller again or has ended. "running" means a slow node
// (an HTTP request) is still busy: ask again with an empty input, a bounded number of times.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Id } from '../../../api/types';
import { simulation, type SimulationState } from '../api';

const MAX_POLLS = 5;

export function useSimulation(ivrId: Id) {
  const [state, setState] = useState<SimulationState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const session = useRef<string | null>(null);

  const settle = useCallback(
    async (first: SimulationState) => {
      let current = first;
      for (let poll = 0; current.status === 'running' && poll < MAX_POLLS; poll++) {
        setState(current);
        current = await simulation.send(ivrId, current.sessionId, {});
      }
      session.current = current.status === 'ended' ? null : current.sessionId;
      setState(current);
    },
    [ivrId],
  );

  const run = useCallback(
    async (work: () => Promise<SimulationState>) => {
      setBusy(true);
      setError(null);
      try {
        await settle(await work());
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [settle],
  );

  const end = useCallback(() => {
    const id = session.current;
    session.current = null;
    if (id) void simulation.end(ivrId, id).catch(() => undefined);
  }, [ivrId]);

  /** Input for the call in progress; nothing happens when no call is. */
  const send = async (input: { digits?: string; timeout?: boolean; hangup?: boolean }) => {
    const id = session.current;
    if (id) await run(() => simulation.send(ivrId, id, input));
  };

  // Leaving the builder ends the call, so the server does not keep it until its idle timeout.
  useEffect(() => end, [end]);

  return {
    state,
    busy,
    error,
    /** Calls the saved draft, or a published version when `version` is given. */
    start: (callerId: string, version?: number) =>
      run(() => {
        end();
        return simulation.start(ivrId, { callerId: callerId || undefined, version });
      }),
    press: (digits: string) => send({ digits }),
    timeout: () => send({ timeout: true }),
    hangUp: () => send({ hangup: true }),
    reset: () => {
      end();
      setState(null);
      setError(null);
    },
  };
}
