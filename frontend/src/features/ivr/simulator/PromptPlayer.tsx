// Plays the synthesized prompts of a simulated call in order, one <audio> element, as a caller would hear them.
// New prompts queue behind the one playing; starting a new call starts a new queue.
import { useEffect, useRef, useState } from 'react';
import type { SimulationEvent } from '../api';

export function PromptPlayer({
  events,
  sessionId,
  muted,
}: {
  events: readonly SimulationEvent[];
  sessionId: string;
  muted: boolean;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const played = useRef({ sessionId: '', upTo: 0 });
  const [queue, setQueue] = useState<string[]>([]);

  useEffect(() => {
    if (played.current.sessionId !== sessionId) {
      played.current = { sessionId, upTo: 0 };
      setQueue([]);
    }
    const fresh = events
      .filter((e) => e.sequence > played.current.upTo && e.kind === 'play' && e.promptUrl)
      .map((e) => e.promptUrl!);
    played.current.upTo = Math.max(played.current.upTo, ...events.map((e) => e.sequence));
    if (fresh.length > 0) setQueue((q) => [...q, ...fresh]);
  }, [events, sessionId]);

  const current = queue[0];
  useEffect(() => {
    const element = audio.current;
    if (!element || !current || muted) return;
    element.src = current;
    // Autoplay may be refused (no user gesture yet); the controls stay usable then.
    void element.play().catch(() => undefined);
  }, [current, muted]);

  return (
    <audio
      ref={audio}
      controls
      preload="auto"
      aria-label="Prompt audio"
      data-testid="simulator-audio"
      onEnded={() => setQueue((q) => q.slice(1))}
      onError={() => setQueue((q) => q.slice(1))}
      style={{ width: '100%', height: 32 }}
    />
  );
}
