import { useState } from 'react';
import { Icon } from './Icon';
import styles from './SecretReveal.module.css';

/** Shows a generated secret (a new password) once, with a copy button; the server never shows it again. */
export function SecretReveal({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access needs a secure context (HTTPS or localhost); on plain HTTP the text stays selectable.
      setCopied(false);
    }
  };

  return (
    <div className={styles.box}>
      <span className={styles.label}>{label}</span>
      <div className={styles.row}>
        <code className={styles.value} data-testid="secret-value">
          {value}
        </code>
        <button type="button" className={styles.copy} onClick={copy}>
          <Icon name={copied ? 'check' : 'copy'} size={16} />
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className={styles.note}>Copy it now — it will not be shown again.</p>
    </div>
  );
}
