import { useState } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { CallButton } from '../../phone/CallButton';
import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { extensionLabel, extensionsApi } from './api';
import { ExtensionFormDrawer } from './ExtensionFormDrawer';
import { SipSecretActions, type SecretAction } from './SipSecretActions';

const recordingText = { never: 'Off', always: 'Every call', onDemand: 'On demand' } as const;

export default function ExtensionsPage() {
  const [secretAction, setSecretAction] = useState<SecretAction | null>(null);
  return (
    <>
      <CrudPage
        title="Extensions"
        description="The internal numbers of your phones, softphones and browser phones."
        noun="extension"
        icon="phone"
        api={extensionsApi}
        rowLabel={extensionLabel}
        searchPlaceholder="Search by number or name"
        emptyText="Add an extension for each person or phone that makes and takes calls."
        Form={ExtensionFormDrawer}
        deleteWarning={(e) =>
          `Extension ${extensionLabel(e)} and its voicemail box will be removed. Phones using it stop working once you apply.`
        }
        columns={[
          {
            key: 'extension',
            header: 'Extension',
            render: (e) => (
              <div>
                <span className={styles.primary}>
                  {e.number}
                  <CallButton number={e.number} label={`Call extension ${e.number}`} />
                </span>
                <span className={styles.secondary}>{e.name}</span>
              </div>
            ),
          },
          {
            key: 'features',
            header: 'Features',
            hideOnMobile: true,
            render: (e) => (
              <div className={styles.tags}>
                {e.voicemail.enabled && <Badge tone="info">Voicemail</Badge>}
                {e.webRtc && <Badge tone="info">Browser phone</Badge>}
                {e.doNotDisturb && <Badge tone="warning">Do not disturb</Badge>}
                {e.forwarding.always && <Badge tone="warning">Forwarded to {e.forwarding.always}</Badge>}
                {e.followMe.length > 0 && <Badge>Follow me ({e.followMe.length})</Badge>}
              </div>
            ),
          },
          {
            key: 'recording',
            header: 'Recording',
            hideOnMobile: true,
            render: (e) => recordingText[e.recording] ?? e.recording,
          },
        ]}
        rowActions={(e) => (
          <>
            <Button
              size="sm"
              variant="ghost"
              icon="key"
              aria-label={`Reveal SIP password of ${extensionLabel(e)}`}
              title="Reveal SIP password"
              onClick={() => setSecretAction({ kind: 'reveal', extension: e })}
            />
            <Button
              size="sm"
              variant="ghost"
              icon="refresh"
              aria-label={`Generate new SIP password for ${extensionLabel(e)}`}
              title="Generate new SIP password"
              onClick={() => setSecretAction({ kind: 'regenerate', extension: e })}
            />
          </>
        )}
      />
      <SipSecretActions action={secretAction} onDone={() => setSecretAction(null)} />
    </>
  );
}
