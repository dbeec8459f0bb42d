import type { FieldErrors } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { Alert } from '../../../components/Alert';
import { FormDrawer } from '../../../components/FormDrawer';
import { FormStack, SelectField, TextField } from '../../../components/form/Field';
import { extensionLabel, extensionsApi } from '../extensions/api';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, clearErrorsUnder, errorsFor } from '../shared/fieldErrors';
import { FieldRow, FormSection } from '../shared/FormSection';
import { NumberField } from '../shared/NumberField';
import { orderAfterMove, orderAfterRemove, reindexErrors, replaceAt } from '../shared/orderedList';
import { OrderedListEditor } from '../shared/OrderedListEditor';
import styles from '../shared/pbx.module.css';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { trunksApi } from '../trunks/api';
import { outboundRoutesApi, type OutboundRoute, type OutboundRouteInput } from './api';
import { patternExamples } from './dialPatterns';
import { PatternTester } from './PatternTester';

const shown = [
  'name',
  'patterns',
  'patterns[]',
  'strip',
  'prepend',
  'trunkIds',
  'trunkIds[]',
  'callerIdOverride',
  'allowedExtensionIds',
  'allowedExtensionIds[]',
  'emergencyNumbers',
  'emergencyNumbers[]',
];

function initial(route: OutboundRoute | undefined, nextPosition: number): OutboundRouteInput {
  if (route) {
    const { id: _id, ...rest } = route;
    return rest;
  }
  return {
    name: '',
    position: nextPosition,
    patterns: [''],
    strip: 0,
    prepend: '',
    trunkIds: [],
    callerIdOverride: '',
    allowedExtensionIds: [],
    emergencyNumbers: [],
  };
}

/** Re-keys the row messages of a list after a move or removal (see reindexErrors). */
function followRows(
  errors: FieldErrors,
  field: string,
  length: number,
  change: { kind: 'move'; index: number; delta: number } | { kind: 'remove'; index: number },
) {
  return reindexErrors(
    errors,
    field,
    change.kind === 'move'
      ? orderAfterMove(length, change.index, change.delta)
      : orderAfterRemove(length, change.index),
  );
}

export function OutboundRouteFormDrawer({ mode, onClose, onSaved }: FormProps<OutboundRoute>) {
  const { busy, save } = useSaveEntity(outboundRoutesApi);
  const all = outboundRoutesApi.useAll(mode !== null);
  const trunks = trunksApi.useAll(mode !== null);
  const extensions = extensionsApi.useAll(mode !== null);
  const nextPosition = ((all.data?.items ?? []).reduce((max, r) => Math.max(max, r.position), 0) || 0) + 10;
  const { form, setForm, set, errors, setErrors, failure, run } = useEntityForm<OutboundRouteInput>(mode, () =>
    initial(mode?.kind === 'edit' ? mode.item : undefined, nextPosition),
  );
  const editing = mode?.kind === 'edit';
  const trunkList = trunks.data?.items ?? [];
  const trunkName = (id: Id) => trunkList.find((t) => t.id === id)?.name ?? `Trunk #${id}`;

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input: OutboundRouteInput = {
        ...form,
        // A new route goes last: computed when the list has loaded, not when the drawer opened.
        position: mode.kind === 'create' ? nextPosition : form.position,
        name: form.name.trim(),
        patterns: form.patterns.map((p) => p.trim()).filter((p) => p !== ''),
        prepend: form.prepend.trim(),
        callerIdOverride: form.callerIdOverride.trim(),
        emergencyNumbers: form.emergencyNumbers.map((p) => p.trim()).filter((p) => p !== ''),
      };
      const { saved, created } = await save(mode, input);
      onSaved(`Outbound route ${saved.name} was ${created ? 'created' : 'saved'}.`);
    });

  const banner = bannerFor(failure, shown);
  const unusedTrunks = trunkList.filter((t) => !form.trunkIds.includes(t.id));

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit outbound route' : 'Add outbound route'}
      description="Which numbers people may dial out, and which providers carry those calls."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create route'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <TextField
          label="Name"
          placeholder="Local and long distance"
          value={form.name}
          onChange={set('name')}
          errors={errorsFor(errors, 'name')}
          required
        />

        <FormSection
          title="Dial patterns"
          description="The numbers this route takes. X is any digit, N is 2–9, Z is 1–9, a dot means “and anything after”."
        >
          <OrderedListEditor
            label="dial pattern"
            items={form.patterns}
            ordered={false}
            addLabel="Add pattern"
            emptyText="No patterns: the route takes no calls."
            errors={errorsFor(errors, 'patterns')}
            onAdd={() => setForm((f) => ({ ...f, patterns: [...f.patterns, ''] }))}
            onChange={(patterns, change) => {
              setForm((f) => ({ ...f, patterns }));
              setErrors((e) => followRows(e, 'patterns', form.patterns.length, change));
            }}
            renderItem={(pattern, index) => (
              <TextField
                label={`Pattern ${index + 1}`}
                className={styles.mono}
                placeholder="NXXNXXXXXX"
                value={pattern}
                onChange={(value) => {
                  setForm((f) => ({ ...f, patterns: replaceAt(f.patterns, index, value) }));
                  setErrors((e) => clearErrorsUnder(e, `patterns[${index}]`));
                }}
                errors={errorsFor(errors, `patterns[${index}]`)}
              />
            )}
          />
          <details>
            <summary className={styles.help}>Examples</summary>
            <ul className={styles.help}>
              {patternExamples.map((example) => (
                <li key={example.pattern}>
                  <span className={styles.mono}>{example.pattern}</span> — {example.meaning}
                </li>
              ))}
            </ul>
          </details>
          <FieldRow>
            <NumberField
              label="Remove digits from the front"
              value={form.strip}
              onChange={set('strip')}
              hint="E.g. 1 to drop the 9 of “9 for an outside line”."
              errors={errorsFor(errors, 'strip')}
            />
            <TextField
              label="Then add in front"
              value={form.prepend}
              onChange={set('prepend')}
              hint="E.g. +1 or a provider's prefix."
              errors={errorsFor(errors, 'prepend')}
            />
          </FieldRow>
          <PatternTester patterns={form.patterns} strip={form.strip} prepend={form.prepend} />
        </FormSection>

        <FormSection
          title="Trunks"
          description="Tried in this order: when one is busy or down, the next one takes the call."
        >
          <OrderedListEditor
            label="trunk"
            items={form.trunkIds}
            emptyText="No trunk yet: calls on this route would fail."
            errors={errorsFor(errors, 'trunkIds')}
            onChange={(trunkIds, change) => {
              setForm((f) => ({ ...f, trunkIds }));
              setErrors((e) => followRows(clearErrorsUnder(e, 'trunkIds'), 'trunkIds', form.trunkIds.length, change));
            }}
            renderItem={(id, index) => (
              <div>
                <span className={`${styles.primary} ${styles.listText}`}>{trunkName(id)}</span>
                {errorsFor(errors, `trunkIds[${index}]`).map((m) => (
                  <span key={m} className={styles.listErrors}>
                    {m}
                  </span>
                ))}
              </div>
            )}
          />
          {unusedTrunks.length > 0 && (
            <SelectField
              label="Add a trunk"
              value=""
              options={[
                { value: '', label: 'Choose a trunk…' },
                ...unusedTrunks.map((t) => ({ value: String(t.id), label: t.name })),
              ]}
              onChange={(v) => {
                if (v === '') return;
                setForm((f) => ({ ...f, trunkIds: [...f.trunkIds, Number(v)] }));
                setErrors((e) => clearErrorsUnder(e, 'trunkIds'));
              }}
            />
          )}
        </FormSection>

        <FormSection title="Options">
          <TextField
            label="Caller ID for these calls"
            inputMode="tel"
            value={form.callerIdOverride}
            onChange={set('callerIdOverride')}
            hint="Optional. Replaces each extension's own outbound caller ID."
            errors={errorsFor(errors, 'callerIdOverride')}
          />
          <TextField
            label="Emergency numbers"
            value={form.emergencyNumbers.join(', ')}
            onChange={(v) => set('emergencyNumbers')(v.split(',').map((s) => s.trimStart()))}
            hint="Always allowed through this route's trunks, for everyone (e.g. 911, 112). Comma-separated."
            errors={[
              ...errorsFor(errors, 'emergencyNumbers'),
              ...form.emergencyNumbers.flatMap((_, i) => errorsFor(errors, `emergencyNumbers[${i}]`)),
            ]}
          />
          <SelectField
            label="Who may use this route"
            value=""
            options={[
              { value: '', label: form.allowedExtensionIds.length === 0 ? 'Every extension' : 'Add an extension…' },
              ...(extensions.data?.items ?? [])
                .filter((e) => !form.allowedExtensionIds.includes(e.id))
                .map((e) => ({ value: String(e.id), label: extensionLabel(e) })),
            ]}
            onChange={(v) => v !== '' && set('allowedExtensionIds')([...form.allowedExtensionIds, Number(v)])}
            errors={errorsFor(errors, 'allowedExtensionIds')}
          />
          {form.allowedExtensionIds.length > 0 && (
            <OrderedListEditor
              label="allowed extension"
              ordered={false}
              items={form.allowedExtensionIds}
              onChange={(ids) => set('allowedExtensionIds')(ids)}
              renderItem={(id) => {
                const ext = extensions.data?.items.find((e) => e.id === id);
                return <span className={styles.listText}>{ext ? extensionLabel(ext) : `Extension #${id}`}</span>;
              }}
            />
          )}
        </FormSection>
      </FormStack>
    </FormDrawer>
  );
}
