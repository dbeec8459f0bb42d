// The agent form: every field of seed 003's agent form, grouped as identity, LLM, voice, hearing, behaviour, then
// the lists (contexts, functions, webhooks, transfer targets). Server messages appear next to their fields.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, type FieldErrors } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { SelectField, TextField } from '../../components/form/Field';
import { errorsFor } from '../../components/form/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { FieldRow, FormSection } from '../pbx/shared/FormSection';
import { NumberField } from '../pbx/shared/NumberField';
import { newAgent, useAgent, useProviders, useSaveAgent, type Agent, type AgentInput, type ProviderRole } from './api';
import styles from './agents.module.css';
import { ContextsEditor, FunctionsEditor, TransferTargetsEditor, WebhooksEditor } from './ListEditors';
import { TextAreaField } from './TextAreaField';

function toInput(agent: Agent): AgentInput {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = agent;
  return input;
}

/** Decimal inputs (temperature, speed) kept as typed text, sent as numbers. */
function DecimalField(props: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  errors: string[];
  hint?: string;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText((t) => (Number(t) === props.value ? t : String(props.value))), [props.value]);
  return (
    <TextField
      label={props.label}
      type="number"
      step="0.05"
      value={text}
      hint={props.hint}
      errors={props.errors}
      onChange={(v) => {
        setText(v);
        props.onChange(Number(v));
      }}
    />
  );
}

export default function AgentFormPage() {
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const existing = useAgent(id);
  const providers = useProviders();
  const save = useSaveAgent();
  const navigate = useNavigate();
  const toast = useToast();
  const [form, setForm] = useState<AgentInput>(newAgent);
  const [parameterTexts, setParameterTexts] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  // A create that generated secrets moves to the agent's own address, carrying the answer so the secrets stay shown.
  const carried = (useLocation().state as { saved?: Agent } | null)?.saved ?? null;
  const [saved, setSaved] = useState<Agent | null>(carried);

  useEffect(() => {
    const shown = saved && saved.id === id ? saved : existing.data;
    if (shown) {
      setForm(toInput(shown));
      setParameterTexts(shown.functions.map((f) => JSON.stringify(f.parameters, null, 2)));
    }
  }, [existing.data, saved, id]);

  const set =
    <K extends keyof AgentInput>(key: K) =>
    (value: AgentInput[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => !k.toLowerCase().startsWith(String(key).toLowerCase()))),
      );
    };

  const options = (role: ProviderRole) =>
    (providers.data ?? [])
      .filter((p) => p.role === role)
      .map((p) => ({ value: p.id, label: p.hasApiKey || !p.needsKey ? p.label : `${p.label} (no key yet)` }));

  const submit = async () => {
    setFailure(null);
    // Parameters are typed as JSON text: a text that does not parse is reported on its field, not sent.
    const local: FieldErrors = {};
    const functions = form.functions.map((f, i) => {
      try {
        return { ...f, parameters: JSON.parse(parameterTexts[i] ?? '{}') as Record<string, unknown> };
      } catch {
        local[`functions[${i}].parameters`] = ['is not valid JSON'];
        return f;
      }
    });
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: AgentInput = {
      ...form,
      functions: functions.map(({ secret: _s, hasSecret: _h, ...f }) => f),
      webhooks: form.webhooks.map(({ secret: _s, hasSecret: _h, ...w }) => w),
      endCallPhrases: form.endCallPhrases.map((p) => p.trim()).filter((p) => p !== ''),
    };
    try {
      const result = await save.mutateAsync({ id, input });
      setErrors({});
      toast.success(`AI agent ${result.name} was ${id === null ? 'created' : 'saved'}.`);
      const revealed = result.functions.some((f) => f.secret) || result.webhooks.some((w) => w.secret);
      if (revealed) {
        // Secrets are shown once: stay on the form so they can be copied.
        setSaved(result);
        if (id === null) navigate(`/ai-agents/${result.id}`, { replace: true, state: { saved: result } });
      } else {
        navigate('/ai-agents');
      }
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      setFailure(
        error instanceof ApiError && Object.keys(error.fieldErrors).length > 0
          ? 'Some fields need attention.'
          : errorMessage(error),
      );
    }
  };

  const e = (field: string) => errorsFor(errors, field);

  return (
    <div className={styles.page}>
      <PageHeader
        title={id === null ? 'New AI agent' : `Edit ${existing.data?.name ?? 'AI agent'}`}
        description="An agent answers calls: it listens (STT), thinks (LLM), speaks (TTS), and can transfer callers or call your systems."
        actions={
          <>
            <Link to="/ai-agents">Back to agents</Link>
          </>
        }
      />
      {saved && (
        <Alert tone="info">New signing secrets are shown below once. Copy them to the receiving systems now.</Alert>
      )}
      {failure && <Alert tone="error">{failure}</Alert>}
      <Card>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormSection title="Identity">
            <FieldRow>
              <TextField
                label="Name"
                value={form.name}
                onChange={set('name')}
                errors={e('name')}
                required
                placeholder="Reception"
                hint="AI_AGENT may name the agent by this name."
              />
              <TextField
                label="Description"
                value={form.description}
                onChange={set('description')}
                errors={e('description')}
              />
              <TextField
                label="Internal number"
                value={form.number ?? ''}
                onChange={(v) => set('number')(v.trim() === '' ? null : v.trim())}
                errors={e('number')}
                placeholder="7001"
                hint="Optional. Phones and the browser phone dial it like an extension (after Apply)."
              />
            </FieldRow>
          </FormSection>

          <FormSection title="Language model" description="Keys and base URLs are set on the AI Providers page.">
            <FieldRow>
              <SelectField
                label="LLM provider"
                value={form.llmProvider}
                options={options('llm')}
                onChange={set('llmProvider')}
                errors={e('llmProvider')}
              />
              <TextField
                label="Model"
                value={form.model}
                onChange={set('model')}
                errors={e('model')}
                required
                placeholder="gpt-4o-mini"
              />
              <DecimalField
                label="Temperature"
                value={form.temperature}
                onChange={set('temperature')}
                errors={e('temperature')}
              />
              <NumberField
                label="Max tokens"
                value={form.maxTokens}
                onChange={set('maxTokens')}
                errors={e('maxTokens')}
              />
            </FieldRow>
            <TextAreaField
              label="System prompt"
              rows={6}
              value={form.systemPrompt}
              onChange={set('systemPrompt')}
              errors={e('systemPrompt')}
              required
              hint="May use {{caller_id}}, {{caller_name}}, {{did}} and a campaign contact's columns."
            />
            <TextAreaField
              label="Greeting"
              rows={2}
              value={form.greeting}
              onChange={set('greeting')}
              errors={e('greeting')}
              hint="Spoken as soon as the call is answered."
            />
          </FormSection>

          <FormSection title="Voice (text-to-speech)">
            <FieldRow>
              <SelectField
                label="TTS engine"
                value={form.ttsEngine}
                options={options('tts')}
                onChange={set('ttsEngine')}
                errors={e('ttsEngine')}
              />
              <TextField
                label="Voice"
                value={form.ttsVoice}
                onChange={set('ttsVoice')}
                errors={e('ttsVoice')}
                placeholder="en_US-lessac-medium"
              />
              <DecimalField label="Speed" value={form.ttsSpeed} onChange={set('ttsSpeed')} errors={e('ttsSpeed')} />
            </FieldRow>
          </FormSection>

          <FormSection title="Hearing (speech-to-text)">
            <FieldRow>
              <SelectField
                label="STT engine"
                value={form.sttEngine}
                options={options('stt')}
                onChange={set('sttEngine')}
                errors={e('sttEngine')}
              />
              <TextField
                label="Language"
                value={form.sttLanguage}
                onChange={set('sttLanguage')}
                errors={e('sttLanguage')}
              />
              <TextField
                label="STT model"
                value={form.sttModel}
                onChange={set('sttModel')}
                errors={e('sttModel')}
                placeholder="nova-2"
              />
            </FieldRow>
            <SelectField
              label="Speech-to-speech"
              value={form.realtimeProvider ?? ''}
              options={[{ value: '', label: 'None: STT → LLM → TTS pipeline' }, ...options('speechToSpeech')]}
              onChange={(v) => set('realtimeProvider')(v === '' ? null : v)}
              errors={e('realtimeProvider')}
            />
          </FormSection>

          <FormSection title="Behaviour">
            <FieldRow>
              <NumberField label="Max turns" value={form.maxTurns} onChange={set('maxTurns')} errors={e('maxTurns')} />
              <NumberField
                label="Silence timeout (seconds)"
                value={form.silenceTimeoutSeconds}
                onChange={set('silenceTimeoutSeconds')}
                errors={e('silenceTimeoutSeconds')}
              />
              <TextField
                label="End-call phrases"
                value={form.endCallPhrases.join(', ')}
                onChange={(v) => set('endCallPhrases')(v.split(','))}
                errors={[
                  ...e('endCallPhrases'),
                  ...Object.entries(errors)
                    .filter(([k]) => k.startsWith('endCallPhrases['))
                    .flatMap(([, m]) => m),
                ]}
                hint="Comma-separated; when the caller says one, the agent says goodbye and hangs up."
              />
            </FieldRow>
          </FormSection>

          <FormSection title="Contexts" description="A greeting and prompt per context, picked per call by AI_CONTEXT.">
            <ContextsEditor items={form.contexts} errors={errors} onChange={set('contexts')} />
          </FormSection>

          <FormSection
            title="Functions"
            description="Tools the model may call; BotPBX POSTs their arguments to your URL, signed."
          >
            <FunctionsEditor
              items={form.functions}
              parameterTexts={parameterTexts}
              errors={errors}
              onChange={(functions, texts) => {
                set('functions')(functions);
                setParameterTexts(texts);
              }}
            />
          </FormSection>

          <FormSection
            title="Webhooks"
            description="Told of call.start, call.end, transfer and function.call; signed with HMAC-SHA256 and retried."
          >
            <WebhooksEditor items={form.webhooks} errors={errors} onChange={set('webhooks')} />
          </FormSection>

          <FormSection
            title="Transfer targets"
            description="Where the agent may send the caller: extensions, queues and ring groups by number, or an external number."
          >
            <TransferTargetsEditor items={form.transferTargets} errors={errors} onChange={set('transferTargets')} />
          </FormSection>

          <div className={styles.actions} style={{ marginTop: 'var(--space-4)' }}>
            <Button type="submit" busy={save.isPending}>
              {id === null ? 'Create agent' : 'Save changes'}
            </Button>
            <Button variant="secondary" onClick={() => navigate('/ai-agents')}>
              Cancel
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
