import { Alert } from '../../../components/Alert';
import { FormDrawer } from '../../../components/FormDrawer';
import { CheckboxField, FormStack, SelectField, TextField } from '../../../components/form/Field';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { trunksApi, useTrunkPresets, type DtmfMode, type SipTransport, type Trunk, type TrunkInput } from './api';
import { CodecOrderEditor } from './CodecOrderEditor';
import { applyPreset, emptyTrunk, toTrunkRequest, trunkToInput } from './trunkForm';
import styles from '../shared/pbx.module.css';

const transports: { value: SipTransport; label: string }[] = [
  { value: 'udp', label: 'UDP (most providers)' },
  { value: 'tcp', label: 'TCP' },
  { value: 'tls', label: 'TLS (encrypted)' },
];

const dtmfModes: { value: DtmfMode; label: string }[] = [
  { value: 'rfc4733', label: 'RFC 4733 (recommended)' },
  { value: 'inband', label: 'In-band audio' },
  { value: 'info', label: 'SIP INFO' },
  { value: 'auto', label: 'Automatic' },
];

const shown = [
  'name',
  'host',
  'port',
  'transport',
  'username',
  'authUsername',
  'password',
  'outboundProxy',
  'codecs',
  'codecs[]',
  'dtmfMode',
  'qualifySeconds',
  'fromUser',
  'fromDomain',
  'inboundMatch',
  'inboundMatch[]',
];

export function TrunkFormDrawer({ mode, onClose, onSaved }: FormProps<Trunk>) {
  const { busy, save } = useSaveEntity(trunksApi);
  const presets = useTrunkPresets();
  const { form, setForm, set, errors, failure, run } = useEntityForm<TrunkInput>(mode, () =>
    mode?.kind === 'edit' ? trunkToInput(mode.item) : emptyTrunk(),
  );
  const editing = mode?.kind === 'edit';
  const preset = presets.data?.find((p) => p.id === form.provider);

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input = toTrunkRequest(form);
      const { saved, created } = await save(mode, input);
      onSaved(`Trunk ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit trunk' : 'Add trunk'}
      description={
        editing ? mode.item.name : 'A connection to your phone provider, for calls to and from outside numbers.'
      }
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create trunk'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <FormSection
          title="Provider"
          description="Choosing a provider fills in its usual settings; you add your account details."
        >
          <SelectField
            label="Provider"
            value={form.provider}
            options={(presets.data ?? [{ id: form.provider, label: form.provider }]).map((p) => ({
              value: p.id,
              label: p.label,
            }))}
            onChange={(id) => {
              const chosen = presets.data?.find((p) => p.id === id);
              setForm((f) => (chosen ? applyPreset(f, chosen) : { ...f, provider: id }));
            }}
            hint={preset?.notes}
          />
          <TextField
            label="Name"
            value={form.name}
            onChange={set('name')}
            errors={errorsFor(errors, 'name')}
            required
          />
          <FieldRow>
            <TextField
              label="Server (host)"
              value={form.host}
              onChange={set('host')}
              errors={errorsFor(errors, 'host')}
              required
            />
            <NumberField label="Port" value={form.port} onChange={set('port')} errors={errorsFor(errors, 'port')} />
            <SelectField
              label="Transport"
              value={form.transport}
              options={transports}
              onChange={(v) => set('transport')(v as SipTransport)}
              errors={errorsFor(errors, 'transport')}
            />
          </FieldRow>
        </FormSection>

        <FormSection title="Account">
          <CheckboxField
            label="Register with the provider"
            description="Needed when the provider sends your calls to a username rather than to this server's address."
            checked={form.register}
            onChange={set('register')}
          />
          <FieldRow>
            <TextField
              label="Username"
              autoComplete="off"
              value={form.username}
              onChange={set('username')}
              errors={errorsFor(errors, 'username')}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              value={form.password ?? ''}
              placeholder={editing && mode.item.hasPassword ? 'Unchanged' : ''}
              onChange={(value) => set('password')(editing && value === '' ? null : value)}
              hint={editing && mode.item.hasPassword ? 'Leave empty to keep the current password.' : undefined}
              errors={errorsFor(errors, 'password')}
            />
          </FieldRow>
          <TextField
            label="Authentication user"
            value={form.authUsername}
            onChange={set('authUsername')}
            hint="Only when the provider gives a separate login name."
            errors={errorsFor(errors, 'authUsername')}
          />
        </FormSection>

        <FormSection title="Audio">
          <CodecOrderEditor codecs={form.codecs} onChange={set('codecs')} errors={errorsFor(errors, 'codecs')} />
          <SelectField
            label="Keypad tones (DTMF)"
            value={form.dtmfMode}
            options={dtmfModes}
            onChange={(v) => set('dtmfMode')(v as DtmfMode)}
            errors={errorsFor(errors, 'dtmfMode')}
          />
        </FormSection>

        <FormSection title="Advanced" description="Most providers work with the defaults.">
          <TextField
            label="Outbound proxy"
            value={form.outboundProxy}
            onChange={set('outboundProxy')}
            errors={errorsFor(errors, 'outboundProxy')}
          />
          <FieldRow>
            <TextField
              label="From user"
              value={form.fromUser}
              onChange={set('fromUser')}
              errors={errorsFor(errors, 'fromUser')}
            />
            <TextField
              label="From domain"
              value={form.fromDomain}
              onChange={set('fromDomain')}
              errors={errorsFor(errors, 'fromDomain')}
            />
          </FieldRow>
          <TextField
            label="Calls come from"
            value={form.inboundMatch.join(', ')}
            onChange={(v) => set('inboundMatch')(v.split(',').map((s) => s.trimStart()))}
            hint="The provider's IP addresses or networks, separated by commas (e.g. 54.172.60.0/30)."
            errors={[
              ...errorsFor(errors, 'inboundMatch'),
              ...form.inboundMatch.flatMap((_, i) => errorsFor(errors, `inboundMatch[${i}]`)),
            ]}
          />
          <CheckboxField
            label="Check the provider is reachable"
            description="Sends a SIP OPTIONS ping regularly; the Test button shows the result."
            checked={form.qualify}
            onChange={set('qualify')}
          />
          {form.qualify && (
            <NumberField
              label="Check every (seconds)"
              value={form.qualifySeconds}
              onChange={set('qualifySeconds')}
              errors={errorsFor(errors, 'qualifySeconds')}
            />
          )}
          <CheckboxField label="Behind NAT: force rport" checked={form.forceRport} onChange={set('forceRport')} />
          <CheckboxField
            label="Behind NAT: rewrite contact"
            checked={form.rewriteContact}
            onChange={set('rewriteContact')}
          />
          <CheckboxField
            label="Direct media between phones and provider"
            checked={form.directMedia}
            onChange={set('directMedia')}
          />
          <CheckboxField label="Fax (T.38)" checked={form.t38} onChange={set('t38')} />
          <CheckboxField
            label="Enabled"
            description="A disabled trunk carries no calls."
            checked={form.enabled}
            onChange={set('enabled')}
          />
        </FormSection>
        <p className={styles.help}>After saving, apply the changes and use “Test” to see the registration.</p>
      </FormStack>
    </FormDrawer>
  );
}
