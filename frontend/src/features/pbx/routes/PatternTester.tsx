import { useState } from 'react';
import { TextField } from '../../../components/form/Field';
import styles from '../shared/pbx.module.css';
import { dialledNumber, isDialable, isValidPattern, matchesPattern } from './dialPatterns';

/** "Try a number": which pattern takes it and what the trunk would be asked to dial. */
export function PatternTester({ patterns, strip, prepend }: { patterns: string[]; strip: number; prepend: string }) {
  const [number, setNumber] = useState('');
  const trimmed = number.trim();
  const match = patterns.find((p) => p.trim() !== '' && matchesPattern(p.trim(), trimmed));
  const invalid = patterns.map((p) => p.trim()).filter((p) => p !== '' && !isValidPattern(p));
  return (
    <div className={styles.stack}>
      <TextField label="Try a number" inputMode="tel" placeholder="95551234567" value={number} onChange={setNumber} />
      {trimmed !== '' && (
        <p className={styles.help} role="status">
          {!isDialable(trimmed) ? (
            'Phones can dial only digits, *, # and +: a call to this would be refused.'
          ) : match ? (
            <>
              Matches <span className={styles.mono}>{match}</span>; the trunk dials{' '}
              <span className={styles.mono}>{dialledNumber(trimmed, strip, prepend)}</span>.
            </>
          ) : invalid.length > 0 ? (
            <>
              No valid pattern matches that number; not valid: <span className={styles.mono}>{invalid.join(' ')}</span>.
            </>
          ) : (
            'No pattern of this route matches that number.'
          )}
        </p>
      )}
    </div>
  );
}
