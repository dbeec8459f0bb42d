import { useEffect, useState } from 'react';
import { TextField, type TextFieldProps } from '../../../components/form/Field';

/**
 * A whole-number input. What the person types is kept as text while they type (an empty box stays empty instead of
 * jumping to 0); the number goes to the form, and a box left empty sends 0 so the server's range check answers.
 */
export function NumberField({
  value,
  onChange,
  ...props
}: Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & { value: number; onChange: (value: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : String(value)));
  }, [value]);
  return (
    <TextField
      {...props}
      type="number"
      inputMode="numeric"
      step={1}
      value={text}
      onChange={(next) => {
        setText(next);
        const parsed = Number.parseInt(next, 10);
        onChange(Number.isNaN(parsed) ? 0 : parsed);
      }}
    />
  );
}
