// Editors for the agent's lists: contexts, functions, webhooks and transfer targets. Each item shows the server's
// messages for its own fields (`functions[1].parameters`).
import type { FieldErrors } from '../../api/errors';
import { Button } from '../../components/Button';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { errorsFor } from '../../components/form/formErrors';
import { SecretReveal } from '../../components/SecretReveal';
import {
  transferKinds,
  webhookEvents,
  type AgentContext,
  type AgentFunction,
  type AgentTransferTarget,
  type AgentWebhook,
  type TransferKind,
  type WebhookEvent,
} from './api';
import styles from './agents.module.css';
import { TextAreaField } from './TextAreaField';

function replace<T>(items: T[], index: number, item: T): T[] {
  return items.map((current, i) => (i === index ? item : current));
}

function Item({ title, onRemove, children }: { title: string; onRemove: () => void; children: React.ReactNode }) {
  return (
    <div className={styles.item}>
      <div className={styles.itemHeader}>
        <span>{title}</span>
        <Button variant="ghost" onClick={onRemove}>
          Remove
        </Button>
      </div>
      {children}
    </div>
  );
}

export function ContextsEditor({
  items,
  errors,
  onChange,
}: {
  items: AgentContext[];
  errors: FieldErrors;
  onChange: (items: AgentContext[]) => void;
}) {
  return (
    <>
      {items.map((c, i) => (
        <Item key={i} title={`Context ${c.name || i + 1}`} onRemove={() => onChange(items.filter((_, j) => j !== i))}>
          <TextField
            label="Context name"
            value={c.name}
            placeholder="sales"
            hint="What AI_CONTEXT is set to in the dialplan (or the IVR's aiAgent node) to pick this context."
            errors={errorsFor(errors, `contexts[${i}].name`)}
            onChange={(name) => onChange(replace(items, i, { ...c, name }))}
          />
          <TextAreaField
            label="Greeting"
            rows={2}
            value={c.greeting}
            errors={errorsFor(errors, `contexts[${i}].greeting`)}
            onChange={(greeting) => onChange(replace(items, i, { ...c, greeting }))}
          />
          <TextAreaField
            label="Prompt"
            value={c.prompt}
            hint="Replaces the agent's system prompt for calls in this context; leave empty to keep it."
            errors={errorsFor(errors, `contexts[${i}].prompt`)}
            onChange={(prompt) => onChange(replace(items, i, { ...c, prompt }))}
          />
        </Item>
      ))}
      <div>
        <Button variant="secondary" onClick={() => onChange([...items, { name: '', greeting: '', prompt: '' }])}>
          Add context
        </Button>
      </div>
    </>
  );
}

/** Functions with their parameters as editable JSON text; `parameterTexts` holds what is typed until it parses. */
export function FunctionsEditor({
  items,
  parameterTexts,
  errors,
  onChange,
}: {
  items: AgentFunction[];
  parameterTexts: string[];
  errors: FieldErrors;
  onChange: (items: AgentFunction[], parameterTexts: string[]) => void;
}) {
  return (
    <>
      {items.map((f, i) => (
        <Item
          key={f.id ?? `new-${i}`}
          title={`Function ${f.name || i + 1}`}
          onRemove={() =>
            onChange(
              items.filter((_, j) => j !== i),
              parameterTexts.filter((_, j) => j !== i),
            )
          }
        >
          <div className={styles.grid}>
            <TextField
              label="Function name"
              value={f.name}
              placeholder="lookup_customer"
              errors={errorsFor(errors, `functions[${i}].name`)}
              onChange={(name) => onChange(replace(items, i, { ...f, name }), parameterTexts)}
            />
            <TextField
              label="Webhook URL"
              value={f.url}
              placeholder="https://crm.example.com/lookup"
              errors={errorsFor(errors, `functions[${i}].url`)}
              onChange={(url) => onChange(replace(items, i, { ...f, url }), parameterTexts)}
            />
          </div>
          <TextField
            label="Description"
            value={f.description}
            hint="The model reads this to decide when to call the function."
            errors={errorsFor(errors, `functions[${i}].description`)}
            onChange={(description) => onChange(replace(items, i, { ...f, description }), parameterTexts)}
          />
          <TextAreaField
            label="Parameters (JSON schema)"
            rows={5}
            value={parameterTexts[i] ?? '{}'}
            errors={errorsFor(errors, `functions[${i}].parameters`)}
            onChange={(text) => onChange(items, replace(parameterTexts, i, text))}
          />
          {f.secret ? (
            <SecretReveal label="Signing secret (shown once)" value={f.secret} />
          ) : (
            f.hasSecret && (
              <p className={styles.muted}>Requests are signed with this function's secret (set, not shown).</p>
            )
          )}
        </Item>
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() =>
            onChange(
              [...items, { name: '', description: '', url: '', parameters: { type: 'object', properties: {} } }],
              [...parameterTexts, JSON.stringify({ type: 'object', properties: {} }, null, 2)],
            )
          }
        >
          Add function
        </Button>
      </div>
    </>
  );
}

export function WebhooksEditor({
  items,
  errors,
  onChange,
}: {
  items: AgentWebhook[];
  errors: FieldErrors;
  onChange: (items: AgentWebhook[]) => void;
}) {
  const toggle = (w: AgentWebhook, event: WebhookEvent, on: boolean): AgentWebhook => ({
    ...w,
    events: on ? [...w.events, event] : w.events.filter((e) => e !== event),
  });
  return (
    <>
      {items.map((w, i) => (
        <Item
          key={w.id ?? `new-${i}`}
          title={`Webhook ${i + 1}`}
          onRemove={() => onChange(items.filter((_, j) => j !== i))}
        >
          <TextField
            label="Webhook URL"
            value={w.url}
            placeholder="https://crm.example.com/call-log"
            errors={errorsFor(errors, `webhooks[${i}].url`)}
            onChange={(url) => onChange(replace(items, i, { ...w, url }))}
          />
          <div className={styles.events}>
            {webhookEvents.map((event) => (
              <CheckboxField
                key={event}
                label={event}
                checked={w.events.includes(event)}
                onChange={(on) => onChange(replace(items, i, toggle(w, event, on)))}
              />
            ))}
          </div>
          {errorsFor(errors, `webhooks[${i}].events`).map((m) => (
            <p key={m} className={styles.muted} role="alert">
              Events {m}
            </p>
          ))}
          {w.secret ? (
            <SecretReveal label="Signing secret (shown once)" value={w.secret} />
          ) : (
            w.hasSecret && <p className={styles.muted}>Signed with X-BotPBX-Signature (secret set, not shown).</p>
          )}
        </Item>
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() => onChange([...items, { url: '', events: ['call.start', 'call.end'] }])}
        >
          Add webhook
        </Button>
      </div>
    </>
  );
}

export function TransferTargetsEditor({
  items,
  errors,
  onChange,
}: {
  items: AgentTransferTarget[];
  errors: FieldErrors;
  onChange: (items: AgentTransferTarget[]) => void;
}) {
  return (
    <>
      {items.map((t, i) => (
        <Item key={i} title={`Target ${t.name || i + 1}`} onRemove={() => onChange(items.filter((_, j) => j !== i))}>
          <div className={styles.grid}>
            <TextField
              label="Target name"
              value={t.name}
              placeholder="Sales"
              errors={errorsFor(errors, `transferTargets[${i}].name`)}
              onChange={(name) => onChange(replace(items, i, { ...t, name }))}
            />
            <SelectField
              label="Kind"
              value={t.kind}
              options={transferKinds}
              errors={errorsFor(errors, `transferTargets[${i}].kind`)}
              onChange={(kind) => onChange(replace(items, i, { ...t, kind: kind as TransferKind }))}
            />
            <TextField
              label="Number"
              value={t.number}
              placeholder={t.kind === 'external' ? '+15551234567' : '600'}
              errors={errorsFor(errors, `transferTargets[${i}].number`)}
              onChange={(number) => onChange(replace(items, i, { ...t, number }))}
            />
          </div>
          <TextField
            label="When to transfer here"
            value={t.description}
            errors={errorsFor(errors, `transferTargets[${i}].description`)}
            onChange={(description) => onChange(replace(items, i, { ...t, description }))}
          />
          <CheckboxField
            label="Warm transfer"
            description="Call the person first and tell them a short summary before connecting the caller."
            checked={t.warm}
            onChange={(warm) => onChange(replace(items, i, { ...t, warm }))}
          />
        </Item>
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() =>
            onChange([...items, { name: '', kind: 'extension', number: '', description: '', warm: false }])
          }
        >
          Add transfer target
        </Button>
      </div>
    </>
  );
}
