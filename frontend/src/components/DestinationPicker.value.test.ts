import { describe, expect, it } from 'vitest';
import {
  changeType,
  describeDestination,
  optionsFor,
  toRequest,
  type DestinationOption,
} from './DestinationPicker.value';

const options: DestinationOption[] = [
  { type: 'extension', target: '3', label: '101 Front desk' },
  { type: 'extension', target: '4', label: '102 Sales' },
  { type: 'voicemail', target: '3', label: 'Voicemail 101 Front desk' },
  { type: 'voicemail', target: '4', label: 'Voicemail 102 Sales' },
  { type: 'queue', target: '3', label: '600 Support' },
];

describe('destination picker values', () => {
  it('offers the objects of the chosen type only', () => {
    expect(optionsFor('voicemail', options).map((o) => o.label)).toEqual([
      'Voicemail 101 Front desk',
      'Voicemail 102 Sales',
    ]);
  });

  it('preselects the first object when switching to a list type, so a target is always sent', () => {
    expect(changeType({ type: 'hangup' }, 'queue', options)).toEqual({ type: 'queue', target: '3' });
  });

  it('keeps the chosen extension when switching between ringing it and its voicemail', () => {
    expect(changeType({ type: 'extension', target: '4' }, 'voicemail', options)).toEqual({
      type: 'voicemail',
      target: '4',
    });
  });

  it('does not carry an id over to another kind of object with the same number', () => {
    expect(changeType({ type: 'queue', target: '3' }, 'extension', options)).toEqual({
      type: 'extension',
      target: '3',
    });
    expect(changeType({ type: 'extension', target: '4' }, 'queue', options)).toEqual({ type: 'queue', target: '3' });
  });

  it('starts an outside number empty and leaves hang-up without target', () => {
    expect(changeType({ type: 'extension', target: '3' }, 'external', options)).toEqual({
      type: 'external',
      target: '',
    });
    expect(changeType({ type: 'external', target: '5551234' }, 'hangup', options)).toEqual({ type: 'hangup' });
  });

  it('sends an empty target when no object of the type exists yet, for the server to reject with a message', () => {
    expect(changeType({ type: 'hangup' }, 'conference', options)).toEqual({ type: 'conference', target: '' });
  });

  it('trims typed numbers and drops the target of hang-up in the request', () => {
    expect(toRequest({ type: 'external', target: ' 5551234 ' })).toEqual({ type: 'external', target: '5551234' });
    expect(toRequest({ type: 'hangup', target: 'x' })).toEqual({ type: 'hangup' });
  });

  it('describes destinations in words, flagging one that no longer exists', () => {
    expect(describeDestination({ type: 'voicemail', target: '3' }, options)).toBe(
      'Send to voicemail: Voicemail 101 Front desk',
    );
    expect(describeDestination({ type: 'queue', target: '9' }, options)).toBe('Put in a call queue: #9 (missing)');
    expect(describeDestination({ type: 'hangup' }, options)).toBe('Hang up');
  });
});
