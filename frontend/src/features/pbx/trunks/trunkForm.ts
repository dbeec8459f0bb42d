// Form values of the trunk drawer and what choosing a provider preset does to them.
import type { Trunk, TrunkInput, TrunkPreset, TrunkSettings } from './api';

/** Codecs Asterisk offers to SIP providers, in the words people meet on provider sites. */
export const knownCodecs: readonly { value: string; label: string }[] = [
  { value: 'ulaw', label: 'G.711 µ-law (ulaw) — North America' },
  { value: 'alaw', label: 'G.711 A-law (alaw) — rest of the world' },
  { value: 'g722', label: 'G.722 — HD voice' },
  { value: 'opus', label: 'Opus — HD voice, good on poor networks' },
  { value: 'g729', label: 'G.729 — low bandwidth' },
  { value: 'gsm', label: 'GSM' },
];

export function emptyTrunk(): TrunkInput {
  return {
    name: '',
    provider: 'custom',
    host: '',
    port: 5060,
    transport: 'udp',
    register: true,
    username: '',
    authUsername: '',
    password: '',
    outboundProxy: '',
    codecs: ['ulaw', 'alaw'],
    dtmfMode: 'rfc4733',
    qualify: true,
    qualifySeconds: 60,
    directMedia: false,
    forceRport: true,
    rewriteContact: true,
    t38: false,
    fromUser: '',
    fromDomain: '',
    inboundMatch: [],
    enabled: true,
  };
}

/** An existing trunk as form values; the password box starts empty and null means "keep the stored one". */
export function trunkToInput(trunk: Trunk): TrunkInput {
  const { id: _id, hasPassword: _hasPassword, ...settings } = trunk;
  return { ...emptyTrunk(), ...settings, password: null };
}

/** What a preset may fill: the provider's technical settings, never the person's own name or credentials. */
const personal: readonly (keyof TrunkInput)[] = ['name', 'username', 'authUsername', 'password', 'fromUser'];

/**
 * Fills the form from a provider preset. The technical settings (host, port, transport, registration, codecs,
 * proxy…) come from the preset; what the person already typed that is theirs (name, account, password) stays.
 */
export function applyPreset(form: TrunkInput, preset: TrunkPreset): TrunkInput {
  const next: TrunkInput = { ...form, provider: preset.id };
  const defaults = preset.defaults as Partial<Record<keyof TrunkInput, unknown>>;
  for (const key of Object.keys(defaults) as (keyof TrunkInput)[]) {
    if (personal.includes(key) || key === ('id' as keyof TrunkInput)) continue;
    const value = defaults[key];
    if (value === undefined || value === null) continue;
    (next as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  if (!form.name.trim()) next.name = preset.id === 'custom' ? '' : preset.label;
  return next;
}

/** The request body: trimmed text; lists without blank rows. */
export function toTrunkRequest(form: TrunkInput): TrunkInput {
  const trim = (s: string) => s.trim();
  return {
    ...form,
    name: trim(form.name),
    host: trim(form.host),
    username: trim(form.username),
    authUsername: trim(form.authUsername),
    outboundProxy: trim(form.outboundProxy),
    fromUser: trim(form.fromUser),
    fromDomain: trim(form.fromDomain),
    inboundMatch: form.inboundMatch.map(trim).filter((s) => s !== ''),
  };
}

export type { TrunkSettings };
