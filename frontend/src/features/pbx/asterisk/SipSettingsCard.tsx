import { useEffect } from 'react';
import { errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { FormStack, TextField } from '../../../components/form/Field';
import { useToast } from '../../../components/Toasts';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { settingApi } from '../shared/settingApi';
import { useEntityForm } from '../shared/useEntityForm';
import { CodecOrderEditor } from '../trunks/CodecOrderEditor';

export interface SipSettings {
  bindAddress: string;
  udpPort: number;
  tcpPort: number;
  tlsPort: number;
  wssPort: number;
  tlsCertFile: string;
  tlsKeyFile: string;
  externalSignalingAddress: string;
  externalMediaAddress: string;
  localNetworks: string[];
  rtpStart: number;
  rtpEnd: number;
  stunServer: string;
  extensionCodecs: string[];
}

const sipSettings = settingApi<SipSettings>('/api/sip-settings', 'sip-settings');

const shown = [
  'bindAddress',
  'udpPort',
  'tcpPort',
  'tlsPort',
  'wssPort',
  'tlsCertFile',
  'tlsKeyFile',
  'externalSignalingAddress',
  'externalMediaAddress',
  'localNetworks',
  'localNetworks[]',
  'rtpStart',
  'rtpEnd',
  'stunServer',
  'extensionCodecs',
  'extensionCodecs[]',
];

/** Transports (UDP/TCP/TLS/WebRTC), NAT addresses, RTP ports and extension codecs. */
export function SipSettingsCard() {
  const current = sipSettings.useGet();
  const save = sipSettings.usePut();
  const toast = useToast();
  const { form, setForm, errors, setErrors, failure, run } = useEntityForm<SipSettings | null>(
    current.data,
    () => current.data ?? null,
  );

  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form, setForm]);

  if (current.error) {
    return (
      <Card title="SIP network settings">
        <Alert tone="error">{errorMessage(current.error)}</Alert>
      </Card>
    );
  }
  if (!form) return null;

  const setField = <K extends keyof SipSettings>(key: K, value: SipSettings[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => clearErrorsUnder(e, key));
  };

  const submit = () =>
    run(async () => {
      await save.mutateAsync({
        ...form,
        localNetworks: form.localNetworks.map((s) => s.trim()).filter((s) => s !== ''),
      });
      toast.success('SIP settings were saved. Apply the changes to use them.');
    });

  const banner = bannerFor(failure, shown);

  return (
    <Card title="SIP network settings" description="How phones and providers reach this server. Change with care.">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormStack>
          {banner && <Alert tone="error">{banner}</Alert>}
          <FormSection title="Transports" description="Set a port to 0 to turn that transport off.">
            <FieldRow>
              <TextField
                label="Listen address"
                value={form.bindAddress}
                onChange={(v) => setField('bindAddress', v)}
                errors={errorsFor(errors, 'bindAddress')}
              />
              <NumberField
                label="UDP port"
                value={form.udpPort}
                onChange={(v) => setField('udpPort', v)}
                errors={errorsFor(errors, 'udpPort')}
              />
              <NumberField
                label="TCP port"
                value={form.tcpPort}
                onChange={(v) => setField('tcpPort', v)}
                errors={errorsFor(errors, 'tcpPort')}
              />
              <NumberField
                label="TLS port"
                value={form.tlsPort}
                onChange={(v) => setField('tlsPort', v)}
                errors={errorsFor(errors, 'tlsPort')}
              />
              <NumberField
                label="WebRTC (WSS) port"
                value={form.wssPort}
                onChange={(v) => setField('wssPort', v)}
                hint="Browser phones connect here."
                errors={errorsFor(errors, 'wssPort')}
              />
            </FieldRow>
            <FieldRow>
              <TextField
                label="TLS certificate file"
                value={form.tlsCertFile}
                onChange={(v) => setField('tlsCertFile', v)}
                errors={errorsFor(errors, 'tlsCertFile')}
              />
              <TextField
                label="TLS key file"
                value={form.tlsKeyFile}
                onChange={(v) => setField('tlsKeyFile', v)}
                errors={errorsFor(errors, 'tlsKeyFile')}
              />
            </FieldRow>
          </FormSection>
          <FormSection
            title="NAT"
            description="Only when the server sits behind a router with a different public address."
          >
            <FieldRow>
              <TextField
                label="Public address for signalling"
                value={form.externalSignalingAddress}
                onChange={(v) => setField('externalSignalingAddress', v)}
                errors={errorsFor(errors, 'externalSignalingAddress')}
              />
              <TextField
                label="Public address for audio"
                value={form.externalMediaAddress}
                onChange={(v) => setField('externalMediaAddress', v)}
                errors={errorsFor(errors, 'externalMediaAddress')}
              />
            </FieldRow>
            <TextField
              label="Local networks"
              value={form.localNetworks.join(', ')}
              onChange={(v) =>
                setField(
                  'localNetworks',
                  v.split(',').map((s) => s.trimStart()),
                )
              }
              hint="Comma-separated, e.g. 192.168.1.0/24, 10.0.0.0/8."
              errors={[
                ...errorsFor(errors, 'localNetworks'),
                ...form.localNetworks.flatMap((_, i) => errorsFor(errors, `localNetworks[${i}]`)),
              ]}
            />
            <TextField
              label="STUN server"
              placeholder="stun.example.com:3478"
              value={form.stunServer}
              onChange={(v) => setField('stunServer', v)}
              errors={errorsFor(errors, 'stunServer')}
            />
          </FormSection>
          <FormSection title="Audio">
            <FieldRow>
              <NumberField
                label="First RTP port"
                value={form.rtpStart}
                onChange={(v) => setField('rtpStart', v)}
                errors={errorsFor(errors, 'rtpStart')}
              />
              <NumberField
                label="Last RTP port"
                value={form.rtpEnd}
                onChange={(v) => setField('rtpEnd', v)}
                errors={errorsFor(errors, 'rtpEnd')}
              />
            </FieldRow>
            <CodecOrderEditor
              codecs={form.extensionCodecs}
              onChange={(v) => setField('extensionCodecs', v)}
              errors={errorsFor(errors, 'extensionCodecs')}
            />
          </FormSection>
          <div>
            <Button type="submit" variant="primary" busy={save.isPending}>
              Save SIP settings
            </Button>
          </div>
        </FormStack>
      </form>
    </Card>
  );
}
