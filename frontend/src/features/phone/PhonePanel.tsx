// The docked browser phone: a button at the bottom right of every page that opens the panel (dial pad, calls in
// progress with hold / mute / keypad / transfer, recent calls), and the incoming-call pop-up shown over any page.
import { useEffect, useState, type FormEvent } from 'react';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { errorMessage } from '../../api/errors';
import { usePhone } from './PhoneProvider';
import { formatDuration } from './recentCalls';
import type { PhoneCall, PhoneSnapshot, SipPhone } from './sipPhone';
import styles from './PhonePanel.module.css';

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

const registrationText: Record<PhoneSnapshot['registration'], [string, BadgeTone]> = {
  connecting: ['Connecting', 'warning'],
  registered: ['Ready', 'success'],
  unregistered: ['Offline', 'neutral'],
  failed: ['Failed', 'danger'],
};

export function PhoneDock() {
  const { availability, snapshot, open, setOpen } = usePhone();
  const ringing = snapshot?.calls.filter((c) => c.direction === 'incoming' && c.status === 'ringing') ?? [];
  const inCall = snapshot?.calls.some((c) => c.status === 'active') ?? false;
  const status = snapshot ? registrationText[snapshot.registration] : null;

  return (
    <>
      {availability.state === 'ready' &&
        ringing.map((call) => <IncomingCall key={call.id} call={call} phone={availability.phone} />)}
      {open ? (
        <section className={styles.panel} aria-label="Phone">
          <header className={styles.header}>
            <Icon name="phone" size={18} />
            <h2 className={styles.title}>Phone{snapshot ? ` · ${snapshot.extension}` : ''}</h2>
            {status && <Badge tone={status[1]}>{status[0]}</Badge>}
            <button type="button" className={styles.close} onClick={() => setOpen(false)} aria-label="Close phone">
              <Icon name="close" size={16} />
            </button>
          </header>
          {availability.state === 'loading' && <p className={styles.muted}>Starting the browser phone…</p>}
          {availability.state === 'unavailable' && (
            <p className={styles.muted} role="status">
              {availability.reason}
            </p>
          )}
          {availability.state === 'ready' && snapshot && <PhoneBody phone={availability.phone} snapshot={snapshot} />}
        </section>
      ) : (
        <button
          type="button"
          className={`${styles.launcher} ${inCall ? styles.launcherActive : ''}`}
          onClick={() => setOpen(true)}
          aria-label="Open phone"
        >
          <Icon name="phone" size={18} />
          <span>Phone</span>
          {snapshot && <span className={`${styles.dot} ${styles[snapshot.registration]}`} aria-hidden="true" />}
        </button>
      )}
    </>
  );
}

function PhoneBody({ phone, snapshot }: { phone: SipPhone; snapshot: PhoneSnapshot }) {
  const live = snapshot.calls.filter((c) => !(c.direction === 'incoming' && c.status === 'ringing'));
  const now = useNow(live.length > 0);
  return (
    <div className={styles.body}>
      {snapshot.error && <p className={styles.error}>{snapshot.error}</p>}
      {live.map((call) => (
        <CallCard key={call.id} call={call} phone={phone} now={now} />
      ))}
      <Dialer phone={phone} disabled={snapshot.registration !== 'registered'} />
      <RecentList phone={phone} snapshot={snapshot} />
    </div>
  );
}

function Dialer({ phone, disabled }: { phone: SipPhone; disabled: boolean }) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      phone.dial(number);
      setNumber('');
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form className={styles.dialer} onSubmit={submit}>
      <input
        className={styles.number}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        aria-label="Number to dial"
        placeholder="Number"
        inputMode="tel"
        autoComplete="off"
      />
      <div className={styles.keypad}>
        {keys.map((k) => (
          <button
            key={k}
            type="button"
            className={styles.key}
            onClick={() => setNumber((n) => n + k)}
            aria-label={`Key ${k}`}
          >
            {k}
          </button>
        ))}
      </div>
      {error && <p className={styles.error}>{error}</p>}
      <Button type="submit" variant="primary" icon="phone" disabled={disabled || number.trim() === ''}>
        Call
      </Button>
    </form>
  );
}

function CallCard({ call, phone, now }: { call: PhoneCall; phone: SipPhone; now: number }) {
  const [showKeypad, setShowKeypad] = useState(false);
  const [transferTo, setTransferTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const attempt = (action: () => void) => {
    try {
      action();
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const active = call.status === 'active';
  const state =
    call.status === 'ended'
      ? (call.cause ?? 'Ended')
      : call.status === 'calling'
        ? 'Calling…'
        : call.held
          ? 'On hold'
          : active && call.answeredAt
            ? formatDuration((now - call.answeredAt) / 1000)
            : '';

  return (
    <article className={styles.call} aria-label={`Call with ${call.remote}`}>
      <div className={styles.callHead}>
        <div>
          <strong>{call.remoteName || call.remote}</strong>
          {call.remoteName && <span className={styles.muted}> {call.remote}</span>}
          {call.consultFor && <span className={styles.muted}> (transfer consult)</span>}
        </div>
        <span className={styles.callState} data-call-state={call.status}>
          {state}
        </span>
      </div>
      {call.status !== 'ended' && (
        <div className={styles.actions}>
          <Button
            size="sm"
            variant={call.held ? 'primary' : 'secondary'}
            disabled={!active}
            onClick={() => phone.toggleHold(call.id)}
          >
            {call.held ? 'Resume' : 'Hold'}
          </Button>
          <Button
            size="sm"
            variant={call.muted ? 'primary' : 'secondary'}
            disabled={!active}
            onClick={() => phone.toggleMute(call.id)}
          >
            {call.muted ? 'Unmute' : 'Mute'}
          </Button>
          <Button size="sm" disabled={!active} onClick={() => setShowKeypad((v) => !v)} aria-pressed={showKeypad}>
            Keypad
          </Button>
          {call.consultFor ? (
            <Button size="sm" disabled={!active} onClick={() => attempt(() => phone.completeAttendedTransfer(call.id))}>
              Complete transfer
            </Button>
          ) : (
            <Button
              size="sm"
              disabled={!active}
              onClick={() => setTransferTo((v) => (v === null ? '' : null))}
              aria-pressed={transferTo !== null}
            >
              Transfer
            </Button>
          )}
          <Button size="sm" variant="danger" onClick={() => phone.hangup(call.id)}>
            Hang up
          </Button>
        </div>
      )}
      {showKeypad && active && (
        <div className={styles.keypad} aria-label="Keypad">
          {keys.map((k) => (
            <button
              key={k}
              type="button"
              className={styles.key}
              onClick={() => phone.sendDtmf(call.id, k)}
              aria-label={`Send ${k}`}
            >
              {k}
            </button>
          ))}
        </div>
      )}
      {transferTo !== null && active && (
        <div className={styles.transfer}>
          <input
            className={styles.number}
            value={transferTo}
            onChange={(e) => setTransferTo(e.target.value)}
            aria-label="Transfer to"
            placeholder="Transfer to"
            inputMode="tel"
          />
          <Button
            size="sm"
            onClick={() => attempt(() => phone.blindTransfer(call.id, transferTo))}
            disabled={transferTo.trim() === ''}
          >
            Blind transfer
          </Button>
          <Button
            size="sm"
            onClick={() =>
              attempt(() => {
                phone.startAttendedTransfer(call.id, transferTo);
                setTransferTo(null);
              })
            }
            disabled={transferTo.trim() === ''}
          >
            Consult first
          </Button>
        </div>
      )}
      {error && <p className={styles.error}>{error}</p>}
    </article>
  );
}

function RecentList({ phone, snapshot }: { phone: SipPhone; snapshot: PhoneSnapshot }) {
  if (snapshot.recent.length === 0) return null;
  return (
    <div className={styles.recent}>
      <h3 className={styles.subtitle}>Recent calls</h3>
      <ul aria-label="Recent calls">
        {snapshot.recent.slice(0, 8).map((r) => (
          <li key={`${r.at}-${r.number}`}>
            <span className={r.answered ? '' : styles.missed}>
              {r.direction === 'incoming' ? '↙' : '↗'} {r.name || r.number}
            </span>
            <span className={styles.muted}>{r.answered ? formatDuration(r.seconds) : 'missed'}</span>
            <button
              type="button"
              className={styles.redial}
              onClick={() => phone.dial(r.number)}
              disabled={snapshot.registration !== 'registered' || r.number === ''}
              aria-label={`Call ${r.number} again`}
            >
              <Icon name="phone" size={14} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function IncomingCall({ call, phone }: { call: PhoneCall; phone: SipPhone }) {
  const { setOpen } = usePhone();
  return (
    <div className={styles.incoming} role="alertdialog" aria-label="Incoming call">
      <Icon name="phone" size={20} />
      <div className={styles.incomingText}>
        <span className={styles.muted}>Incoming call</span>
        <strong>{call.remoteName || call.remote}</strong>
        {call.remoteName && <span className={styles.muted}>{call.remote}</span>}
      </div>
      <Button
        variant="primary"
        size="sm"
        onClick={() => {
          phone.answer(call.id);
          setOpen(true);
        }}
      >
        Answer
      </Button>
      <Button variant="danger" size="sm" onClick={() => phone.hangup(call.id)}>
        Decline
      </Button>
    </div>
  );
}
