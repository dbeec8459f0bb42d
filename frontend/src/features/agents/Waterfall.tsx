import type { TurnWaterfall } from './api';
import styles from './agents.module.css';

/**
 * One turn's latency waterfall, measured from the end of the caller's speech: each stage is a bar from where the
 * previous mark was reached to its own mark, so the eye sees where the time went (end of speech → STT final → LLM
 * first token → TTS first audio → first frame sent).
 */
const stages = [
  { key: 'sttFinalMs', label: 'STT final', color: '#3182ce' },
  { key: 'llmFirstTokenMs', label: 'LLM first token', color: '#805ad5' },
  { key: 'ttsFirstAudioMs', label: 'TTS first audio', color: '#dd6b20' },
  { key: 'firstFrameSentMs', label: 'First frame sent', color: '#38a169' },
] as const;

export function Waterfall({ timings }: { timings: TurnWaterfall }) {
  const marks = stages.map((s) => timings[s.key]);
  const total = Math.max(1, ...marks.map((m) => m ?? 0));
  let previous = 0;
  return (
    <div className={styles.waterfall} aria-label="Latency waterfall">
      {stages.map((stage, i) => {
        const at = marks[i] ?? null;
        const from = previous;
        if (at !== null) previous = at;
        return (
          <div key={stage.key} className={styles.lane} data-testid={`lane-${stage.key}`}>
            <span>{stage.label}</span>
            <div className={styles.track}>
              {at !== null && (
                <div
                  className={styles.bar}
                  style={{
                    left: `${(Math.min(from, at) / total) * 100}%`,
                    width: `${Math.max(0.5, (Math.abs(at - from) / total) * 100)}%`,
                    background: stage.color,
                  }}
                  title={`${stage.label}: +${at} ms after the end of speech`}
                />
              )}
            </div>
            <span>{at === null ? '—' : `${Math.round(at)} ms`}</span>
          </div>
        );
      })}
    </div>
  );
}
