import type { Id } from '../../../api/types';
import type { CrudApi } from './crudApi';
import type { FormMode } from './CrudPage';

/**
 * Create or update, as the drawer's mode says: the one save every create/edit form of a plain CRUD resource makes.
 * `created` tells the caller which word to use in its confirmation.
 */
export function useSaveEntity<TItem extends { id: Id }, TInput>(resource: CrudApi<TItem, TInput, TItem>) {
  const create = resource.useCreate();
  const update = resource.useUpdate();
  const save = async (mode: FormMode<TItem>, input: TInput): Promise<{ saved: TItem; created: boolean }> =>
    mode.kind === 'create'
      ? { saved: await create.mutateAsync(input), created: true }
      : { saved: await update.mutateAsync({ id: mode.item.id, input }), created: false };
  return { busy: create.isPending || update.isPending, save };
}
