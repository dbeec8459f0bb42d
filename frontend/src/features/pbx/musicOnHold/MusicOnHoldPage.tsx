import { CrudPage } from '../shared/CrudPage';
import styles from '../shared/pbx.module.css';
import { mohClassesApi } from './api';
import { MohClassFormDrawer } from './MohClassFormDrawer';

export default function MusicOnHoldPage() {
  return (
    <CrudPage
      title="Music on Hold"
      description="Playlists callers hear while they wait in a queue or are on hold."
      noun="music class"
      icon="mic"
      api={mohClassesApi}
      rowLabel={(m) => m.name}
      searchPlaceholder="Search by name"
      emptyText="Asterisk's built-in “default” class plays until you add your own music."
      Form={MohClassFormDrawer}
      columns={[
        {
          key: 'name',
          header: 'Name',
          render: (m) => <span className={`${styles.primary} ${styles.mono}`}>{m.name}</span>,
        },
        { key: 'sort', header: 'Play order', render: (m) => (m.sort === 'alpha' ? 'In file-name order' : 'Shuffle') },
      ]}
    />
  );
}
