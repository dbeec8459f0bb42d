import type { ReactNode } from 'react';
import styles from './pbx.module.css';

/** A titled group of fields inside a drawer ("Voicemail", "Forwarding"), so long forms stay scannable. */
export function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className={styles.section}>
      <legend className={styles.sectionTitle}>{title}</legend>
      {description && <p className={styles.sectionText}>{description}</p>}
      <div className={styles.sectionBody}>{children}</div>
    </fieldset>
  );
}

/** Two fields side by side on wide screens, stacked on phones. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}
