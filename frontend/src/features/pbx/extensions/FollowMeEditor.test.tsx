// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldErrors } from '../../../api/errors';
import type { FollowMeStep } from './api';
import { FollowMeEditor } from './FollowMeEditor';

afterEach(cleanup);

function Harness({ initial, initialErrors }: { initial: FollowMeStep[]; initialErrors: FieldErrors }) {
  const [steps, setSteps] = useState(initial);
  const [errors, setErrors] = useState(initialErrors);
  return (
    <FollowMeEditor
      steps={steps}
      errors={errors}
      onChange={(next, nextErrors) => {
        setSteps(next);
        setErrors(nextErrors);
      }}
    />
  );
}

const numbers = () =>
  ['Number 1', 'Number 2', 'Number 3']
    .map((name) => screen.queryByRole('textbox', { name }) as HTMLInputElement | null)
    .map((input) => input?.value);

describe('follow-me list editor', () => {
  const steps = [
    { number: '5551000', ringSeconds: 20 },
    { number: '5552000', ringSeconds: 20 },
    { number: '5553000', ringSeconds: 20 },
  ];

  it('moves a number up, and its error message moves with it', () => {
    render(<Harness initial={steps} initialErrors={{ 'followMe[2].number': ['is not a phone number'] }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move follow-me step 3 up' }));

    expect(numbers()).toEqual(['5551000', '5553000', '5552000']);
    expect(screen.getByRole('textbox', { name: 'Number 2' }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Number 3' }).getAttribute('aria-invalid')).toBeNull();
  });

  it('cannot move the first step up or the last one down', () => {
    render(<Harness initial={steps} initialErrors={{}} />);
    expect((screen.getByRole('button', { name: 'Move follow-me step 1 up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move follow-me step 3 down' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('removes a step and adds a new one at the end', () => {
    render(<Harness initial={steps} initialErrors={{}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove follow-me step 1' }));
    expect(numbers()).toEqual(['5552000', '5553000', undefined]);

    fireEvent.click(screen.getByRole('button', { name: 'Add number' }));
    expect(numbers()).toEqual(['5552000', '5553000', '']);
  });
});
