import { useId, useState } from 'react';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/form/Field';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import styles from '../shared/pbx.module.css';
import { knownCodecs } from './trunkForm';

const codecLabel = (codec: string) => knownCodecs.find((c) => c.value === codec)?.label ?? codec;

/** Codecs in order of preference: Asterisk offers them to the provider in this order. */
export function CodecOrderEditor({
  codecs,
  onChange,
  errors,
}: {
  codecs: string[];
  onChange: (codecs: string[]) => void;
  errors: string[];
}) {
  const id = useId();
  const remaining = knownCodecs.filter((c) => !codecs.includes(c.value));
  const [adding, setAdding] = useState('');
  const choice = remaining.some((c) => c.value === adding) ? adding : (remaining[0]?.value ?? '');

  return (
    <div className={styles.stack}>
      <span className={styles.primary} id={`${id}-label`}>
        Codecs, most preferred first
      </span>
      <OrderedListEditor
        label="codec"
        items={codecs}
        emptyText="No codecs: add at least one your provider supports."
        errors={errors}
        onChange={(next) => onChange(next)}
        renderItem={(codec) => <span className={styles.listText}>{codecLabel(codec)}</span>}
      />
      {remaining.length > 0 && (
        <div className={styles.rowEnd}>
          <SelectField label="Codec to add" value={choice} options={remaining} onChange={setAdding} />
          <div>
            <Button icon="plus" onClick={() => onChange([...codecs, choice])}>
              Add codec
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
