import { describe, expect, it } from 'vitest';
import type { Trunk, TrunkPreset } from './api';
import { applyPreset, emptyTrunk, toTrunkRequest, trunkToInput } from './trunkForm';

const telnyx: TrunkPreset = {
  id: 'telnyx',
  label: 'Telnyx',
  notes: 'Use the SIP connection’s credentials.',
  defaults: {
    provider: 'telnyx',
    name: '',
    host: 'sip.telnyx.com',
    port: 5060,
    transport: 'udp',
    register: true,
    username: '',
    password: '',
    codecs: ['opus', 'ulaw', 'alaw'],
  },
};

describe('provider presets', () => {
  it('fill the technical settings of the form', () => {
    const form = applyPreset(emptyTrunk(), telnyx);
    expect(form).toMatchObject({
      provider: 'telnyx',
      host: 'sip.telnyx.com',
      port: 5060,
      register: true,
      codecs: ['opus', 'ulaw', 'alaw'],
    });
  });

  it('name an unnamed trunk after the provider but keep a name and credentials already typed', () => {
    expect(applyPreset(emptyTrunk(), telnyx).name).toBe('Telnyx');
    const typed = { ...emptyTrunk(), name: 'Main line', username: 'acme', password: 's3cret-pass' };
    const form = applyPreset(typed, telnyx);
    expect(form.name).toBe('Main line');
    expect(form.username).toBe('acme');
    expect(form.password).toBe('s3cret-pass');
  });

  it('copies lists so editing the codec order never changes the preset', () => {
    const form = applyPreset(emptyTrunk(), telnyx);
    form.codecs.reverse();
    expect(telnyx.defaults.codecs).toEqual(['opus', 'ulaw', 'alaw']);
  });
});

describe('trunk form values', () => {
  it('start an edit with a null password, which keeps the stored one', () => {
    const { password: _password, ...settings } = emptyTrunk();
    const trunk: Trunk = { ...settings, id: 7, hasPassword: true };
    const input = trunkToInput(trunk);
    expect(input.password).toBeNull();
    expect(input).not.toHaveProperty('id');
    expect(input).not.toHaveProperty('hasPassword');
  });

  it('trim text and drop blank inbound match rows', () => {
    const request = toTrunkRequest({ ...emptyTrunk(), host: ' sip.example.com ', inboundMatch: [' 1.2.3.4 ', ''] });
    expect(request.host).toBe('sip.example.com');
    expect(request.inboundMatch).toEqual(['1.2.3.4']);
  });
});
