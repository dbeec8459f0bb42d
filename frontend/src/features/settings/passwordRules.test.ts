import { describe, expect, it } from 'vitest';
import { validateNewPassword } from './passwordRules';

describe('validateNewPassword', () => {
  it('accepts a long enough password typed twice', () => {
    expect(validateNewPassword('correct horse battery', 'correct horse battery')).toEqual({});
  });

  it('asks for at least 12 characters', () => {
    expect(validateNewPassword('short', 'short').newPassword).toEqual(['Use at least 12 characters.']);
  });

  it('notices when the repetition differs', () => {
    expect(validateNewPassword('correct horse battery', 'correct horse batery').confirmPassword).toEqual([
      'The two passwords do not match.',
    ]);
  });
});
