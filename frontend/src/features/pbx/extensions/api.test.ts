import { describe, expect, it } from 'vitest';
import { extensionLabel, newExtension, randomPin, toInput } from './api';

describe('extension form values', () => {
  it('start a new extension with voicemail on and a 6-digit PIN', () => {
    const extension = newExtension();
    expect(extension.voicemail.enabled).toBe(true);
    expect(extension.voicemail.pin).toMatch(/^\d{6}$/);
    expect(extension.secret).toBe('');
  });

  it('draw the PIN digits from the random source', () => {
    expect(randomPin((b) => b.map((_, i) => i + 10))).toBe('012345');
  });

  it('edit an extension with an empty secret and PIN, which keep the current ones', () => {
    const { secret: _secret, voicemail, ...fields } = newExtension();
    const { pin: _pin, ...shown } = voicemail;
    const input = toInput({
      ...fields,
      voicemail: { ...shown, hasPin: true },
      id: 5,
      number: '101',
      name: 'Front desk',
    });
    expect(input.secret).toBe('');
    expect(input.voicemail.pin).toBe('');
    expect(input.voicemail).not.toHaveProperty('hasPin');
    expect(input).not.toHaveProperty('id');
    expect(input.number).toBe('101');
  });

  it('name an extension by number and name', () => {
    expect(extensionLabel({ number: '101', name: 'Front desk' })).toBe('101 Front desk');
    expect(extensionLabel({ number: '101', name: '' })).toBe('101');
  });
});
