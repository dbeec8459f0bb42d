import type { ComponentType } from 'react';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import styles from './PlannedArea.module.css';

/**
 * An honest page for an area that is part of BotPBX but not built in this version: it says what the area
 * will hold and shows no invented data. Replace the registry entry's component when the area is built.
 */
export function plannedArea(title: string, holds: readonly string[]): ComponentType {
  function PlannedArea() {
    return (
      <>
        <PageHeader title={title} />
        <Card>
          <EmptyState icon="clock" title={`${title} are not available in this version yet`}>
            <p>This area will hold:</p>
            <ul className={styles.list}>
              {holds.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </EmptyState>
        </Card>
      </>
    );
  }
  PlannedArea.displayName = `PlannedArea(${title})`;
  return PlannedArea;
}
