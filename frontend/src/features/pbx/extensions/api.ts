import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Id } from '../../../api/types';
import { crudApi, useInvalidatePbx } from '../shared/crudApi';

export type RecordingPolicy = 'never' | 'always' | 'onDemand';

export interface FollowMeStep {
  number: string;
  ringSeconds: number;
}

/** Voicemail settings as a form sends them: an empty PIN on update keeps the current one. */
export interface VoicemailSettings {
  enabled: boolean;
  pin: string;
  maxMessages: number;
  maxMessageSeconds: number;
  emailNotification: boolean;
  deleteAfterEmail: boolean;
}

/** Voicemail settings as the API shows them: the PIN is write-only, `hasPin` says whether one is set. */
export type VoicemailInfo = Omit<VoicemailSettings, 'pin'> & { hasPin: boolean };

export interface CallForwarding {
  always: string;
  busy: string;
  noAnswer: string;
}

/** An extension as the API lists it: never with its SIP secret or voicemail PIN. */
export interface Extension {
  id: Id;
  number: string;
  name: string;
  email: string;
  voicemail: VoicemailInfo;
  outboundCallerId: string;
  ringTimeoutSeconds: number;
  callWaiting: boolean;
  doNotDisturb: boolean;
  forwarding: CallForwarding;
  followMe: FollowMeStep[];
  recording: RecordingPolicy;
  webRtc: boolean;
  maxDevices: number;
  userId: Id | null;
}

/**
 * The body of create and update; an empty secret means "generate one" (create) or "keep it" (update), and an empty
 * voicemail PIN on update keeps the current one.
 */
export type ExtensionInput = Omit<Extension, 'id' | 'voicemail'> & { secret: string; voicemail: VoicemailSettings };

/** A create answers the extension and its generated SIP secret, shown this once. */
export interface CreatedExtension {
  extension: Extension;
  secret: string;
}

export const extensionsApi = crudApi<Extension, ExtensionInput, CreatedExtension>('/api/extensions', 'extensions');

/** Shows the current SIP secret (the server audits who looked). */
export function useRevealSecret() {
  return useMutation({
    mutationFn: (id: Id) => api.post<{ secret: string }>(`${extensionsApi.itemPath(id)}/reveal-secret`),
  });
}

/** Replaces the SIP secret with a new generated one; phones must be given the new one. */
export function useRegenerateSecret() {
  const invalidate = useInvalidatePbx();
  return useMutation({
    mutationFn: (id: Id) => api.post<{ secret: string }>(`${extensionsApi.itemPath(id)}/regenerate-secret`),
    onSuccess: invalidate,
  });
}

/** A starting voicemail PIN (6 random digits) so a new box is never left with a guessable or missing PIN. */
export function randomPin(random: (buffer: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): string {
  const values = random(new Uint32Array(6));
  return Array.from(values, (v) => String(v % 10)).join('');
}

export function newExtension(): ExtensionInput {
  return {
    number: '',
    name: '',
    email: '',
    secret: '',
    voicemail: {
      enabled: true,
      pin: randomPin(),
      maxMessages: 100,
      maxMessageSeconds: 180,
      emailNotification: false,
      deleteAfterEmail: false,
    },
    outboundCallerId: '',
    ringTimeoutSeconds: 25,
    callWaiting: true,
    doNotDisturb: false,
    forwarding: { always: '', busy: '', noAnswer: '' },
    followMe: [],
    recording: 'never',
    webRtc: false,
    maxDevices: 3,
    userId: null,
  };
}

/** An existing extension as form values: the secret and the PIN start empty, which keeps them. */
export function toInput(extension: Extension): ExtensionInput {
  const { id: _id, voicemail, ...rest } = extension;
  const { hasPin: _hasPin, ...settings } = voicemail;
  return { ...newExtension(), ...rest, voicemail: { ...settings, pin: '' }, secret: '' };
}

/** "101 Front desk" — how an extension is named in lists, pickers and dialogs. */
export function extensionLabel(extension: Pick<Extension, 'number' | 'name'>): string {
  return extension.name ? `${extension.number} ${extension.name}` : extension.number;
}
