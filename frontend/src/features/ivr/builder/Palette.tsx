// The node palette, derived from the registry: drag an item onto the canvas, or click it to add it in the middle
// of the view (keyboard and touch users).
import type { NodeType } from '../flow/types';
import { NodeIcon } from '../nodes/NodeIcon';
import { nodeRegistry, nodeTypeList, paletteCategories } from '../nodes/registry';
import styles from './Builder.module.css';

export const PALETTE_MIME = 'application/x-botpbx-ivr-node';

// The start node is created with the IVR and there is exactly one.
const addable = nodeTypeList.filter((type) => type !== 'start');

export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  return (
    <nav className={styles.palette} aria-label="Node palette">
      {paletteCategories.map((category) => (
        <section key={category}>
          <h3>{category}</h3>
          <ul>
            {addable
              .filter((type) => nodeRegistry[type].category === category)
              .map((type) => {
                const spec = nodeRegistry[type];
                return (
                  <li key={type}>
                    <button
                      type="button"
                      draggable
                      className={`${styles.paletteItem} ${styles[`cat${category.replace(' ', '')}`]}`}
                      title={spec.description}
                      onDragStart={(event) => {
                        event.dataTransfer.setData(PALETTE_MIME, type);
                        event.dataTransfer.effectAllowed = 'move';
                      }}
                      onClick={() => onAdd(type)}
                    >
                      <NodeIcon name={spec.icon} size={16} />
                      <span>{spec.label}</span>
                    </button>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
