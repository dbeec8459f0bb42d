// AI Providers: a key and base URL per provider. Keys are write-only: the page shows whether one is set, never it.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/errors';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { TextField } from '../../components/form/Field';
import { errorsFor } from '../../components/form/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { useProviders, useSaveProvider, type AiProvider, type ProviderRole } from './api';
import styles from './agents.module.css';

const roles: { role: ProviderRole; title: string }[] = [
  { role: 'llm', title: 'Language models' },
  { role: 'tts', title: 'Text-to-speech' },
  { role: 'stt', title: 'Speech-to-text' },
  { role: 'speechToSpeech', title: 'Speech-to-speech' },
];

function ProviderRow({ provider }: { provider: AiProvider }) {
  const save = useSaveProvider();
  const toast = useToast();
  const [key, setKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl ?? '');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const submit = async (body: { apiKey?: string; clearApiKey?: boolean; baseUrl?: string | null }) => {
    try {
      await save.mutateAsync({ id: provider.id, body });
      setKey('');
      setErrors({});
      toast.success(`${provider.label} was saved.`);
    } catch (error) {
      setErrors(error instanceof ApiError ? error.fieldErrors : {});
      if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) toast.error(errorMessage(error));
    }
  };
  return (
    <div className={styles.item} data-testid={`provider-${provider.id}`}>
      <div className={styles.itemHeader}>
        <span>{provider.label}</span>
        {provider.needsKey ? (
          provider.hasApiKey ? (
            <Badge tone="success">key set</Badge>
          ) : (
            <Badge tone="warning">no key</Badge>
          )
        ) : (
          <Badge>no key needed</Badge>
        )}
      </div>
      {!provider.needsKey && provider.defaultBaseUrl === null ? (
        <p className={styles.muted}>Runs on this machine (installed from Debian): nothing to set.</p>
      ) : (
        <form
          className={styles.grid}
          onSubmit={(event) => {
            event.preventDefault();
            void submit({ ...(key ? { apiKey: key } : {}), baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim() });
          }}
        >
          <TextField
            label={`${provider.label} API key`}
            type="password"
            autoComplete="off"
            value={key}
            placeholder={provider.hasApiKey ? 'Set (type to replace)' : 'Not set'}
            onChange={setKey}
            errors={errorsFor(errors, 'apiKey')}
          />
          <TextField
            label={`${provider.label} base URL`}
            value={baseUrl}
            placeholder={provider.defaultBaseUrl ?? ''}
            hint={provider.needsBaseUrl ? 'Where your own server listens.' : 'Leave empty for the default.'}
            onChange={setBaseUrl}
            errors={errorsFor(errors, 'baseUrl')}
          />
          <div className={styles.actions}>
            <Button type="submit" busy={save.isPending}>
              Save
            </Button>
            {provider.hasApiKey && (
              <Button variant="ghost" onClick={() => void submit({ clearApiKey: true })}>
                Remove key
              </Button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}

export default function ProvidersPage() {
  const providers = useProviders();
  return (
    <div className={styles.page}>
      <PageHeader
        title="AI Providers"
        description="Keys and addresses of the services agents use. Keys are stored encrypted and never shown again."
        actions={<Link to="/ai-agents">Back to agents</Link>}
      />
      {providers.isError && <Alert tone="error">{errorMessage(providers.error)}</Alert>}
      {roles.map(({ role, title }) => (
        <Card key={role}>
          <h2>{title}</h2>
          <div className={styles.turns}>
            {(providers.data ?? [])
              .filter((p) => p.role === role)
              .map((p) => (
                <ProviderRow key={p.id} provider={p} />
              ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
