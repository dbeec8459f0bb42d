import { Alert } from '../../../components/Alert';
import { FormDrawer } from '../../../components/FormDrawer';
import { FormStack, SelectField, TextField } from '../../../components/form/Field';
import type { FormProps } from '../shared/CrudPage';
import { bannerFor, errorsFor } from '../shared/fieldErrors';
import { FormSection } from '../shared/FormSection';
import { useEntityForm } from '../shared/useEntityForm';
import { useSaveEntity } from '../shared/useSaveEntity';
import { mohClassesApi, type MohClass, type MohClassInput, type MohSort } from './api';
import { MohFiles } from './MohFiles';

const sorts: { value: MohSort; label: string }[] = [
  { value: 'random', label: 'Shuffle' },
  { value: 'alpha', label: 'In file-name order' },
];

export function MohClassFormDrawer({ mode, onClose, onSaved }: FormProps<MohClass>) {
  const { busy, save } = useSaveEntity(mohClassesApi);
  const { form, set, errors, failure, run } = useEntityForm<MohClassInput>(mode, () =>
    mode?.kind === 'edit' ? { name: mode.item.name, sort: mode.item.sort } : { name: '', sort: 'random' },
  );
  const editing = mode?.kind === 'edit';

  const submit = () =>
    run(async () => {
      if (!mode) return;
      const input = { ...form, name: form.name.trim() };
      const { saved, created } = await save(mode, input);
      onSaved(
        created
          ? `Music class ${saved.name} was created. Edit it to upload audio.`
          : `Music class ${saved.name} was saved.`,
      );
    });

  const banner = bannerFor(failure, ['name', 'sort']);

  return (
    <FormDrawer
      open={mode !== null}
      title={editing ? 'Edit music on hold' : 'Add music on hold'}
      description="A playlist callers hear while they wait or are on hold."
      busy={busy}
      submitLabel={editing ? 'Save changes' : 'Create class'}
      cancelLabel={editing ? 'Close' : 'Cancel'}
      onClose={onClose}
      onSubmit={() => void submit()}
    >
      <FormStack>
        {banner && <Alert tone="error">{banner}</Alert>}
        <TextField
          label="Name"
          placeholder="jazz"
          value={form.name}
          onChange={set('name')}
          hint="Letters, digits, - and _. Queues and conferences pick it by this name."
          errors={errorsFor(errors, 'name')}
          required
        />
        <SelectField
          label="Play order"
          value={form.sort}
          options={sorts}
          onChange={(v) => set('sort')(v as MohSort)}
          errors={errorsFor(errors, 'sort')}
        />
        {editing ? (
          <FormSection title="Audio files">
            <MohFiles classId={mode.item.id} />
          </FormSection>
        ) : (
          <p>After creating the class, open it again to upload audio files.</p>
        )}
      </FormStack>
    </FormDrawer>
  );
}
