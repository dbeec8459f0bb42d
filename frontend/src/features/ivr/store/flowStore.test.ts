import { describe, expect, it } from 'vitest';
import { acmeExample } from '../flow/seedExample';
import { createFlowStore } from './flowStore';

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('the builder store', () => {
  it('deleting a node deletes the edges into and out of it', () => {
    const store = createFlowStore(acmeExample());
    store.deleteNodes(['menu']);
    const { nodes, edges } = store.getState();
    expect(ids(nodes)).toEqual(['sales', 'start', 'support', 'welcome']);
    expect(ids(edges)).toEqual(['e1']);
  });

  it('never deletes the start node', () => {
    const store = createFlowStore(acmeExample());
    store.deleteNodes(['start']);
    expect(ids(store.getState().nodes)).toContain('start');
    expect(store.getState().past).toHaveLength(0);
  });

  it('refuses self-loops and edges into the start, and re-points an output that is already connected', () => {
    const store = createFlowStore(acmeExample());
    expect(store.connect({ source: 'menu', sourceHandle: 'timeout', target: 'menu', targetHandle: null })).toBe(false);
    expect(store.connect({ source: 'menu', sourceHandle: 'timeout', target: 'start', targetHandle: null })).toBe(false);
    expect(store.connect({ source: 'menu', sourceHandle: 'no-such-output', target: 'sales', targetHandle: null })).toBe(
      false,
    );

    expect(store.connect({ source: 'menu', sourceHandle: 'digit-1', target: 'support', targetHandle: null })).toBe(
      true,
    );
    const fromDigit1 = store.getState().edges.filter((e) => e.source === 'menu' && e.sourceHandle === 'digit-1');
    expect(fromDigit1.map((e) => e.target)).toEqual(['support']);
  });

  it('undoes and redoes changes, and a new change clears what could be redone', () => {
    const store = createFlowStore(acmeExample());
    const added = store.addNode('hangup', { x: 10, y: 10 });
    store.connect({ source: 'menu', sourceHandle: 'timeout', target: added, targetHandle: null });
    expect(store.getState().edges).toHaveLength(5);

    store.undo();
    expect(store.getState().edges).toHaveLength(4);
    expect(ids(store.getState().nodes)).toContain(added);
    store.undo();
    expect(ids(store.getState().nodes)).not.toContain(added);
    store.undo(); // nothing left: no change
    expect(store.getState().nodes).toHaveLength(5);

    store.redo();
    store.redo();
    expect(store.getState().edges).toHaveLength(5);

    store.undo();
    store.deleteNodes(['sales']);
    expect(store.getState().future).toHaveLength(0);
  });

  it('makes typing into one node one undo step', () => {
    const store = createFlowStore(acmeExample());
    for (const text of ['H', 'He', 'Hel', 'Hello']) {
      store.updateNodeData('welcome', { prompt: { kind: 'tts', text } });
    }
    store.undo();
    const welcome = store.getState().nodes.find((n) => n.id === 'welcome')!;
    expect(welcome.data).toEqual({ label: 'Welcome', prompt: { kind: 'tts', text: 'Thanks for calling Acme Corp' } });
  });

  it('drops edges from outputs a node no longer has when its settings change', () => {
    const store = createFlowStore(acmeExample());
    store.updateNodeData('menu', { prompt: { kind: 'tts', text: 'Press 1' }, options: [{ digit: '1' }] });
    expect(store.getState().edges.map((e) => e.sourceHandle)).toEqual(['next', 'next', 'digit-1']);
  });

  it('pastes copies with fresh ids and their inner edges, never the start node', () => {
    const store = createFlowStore(acmeExample());
    store.select('menu');
    store.onNodesChange([
      { type: 'select', id: 'sales', selected: true },
      { type: 'select', id: 'start', selected: true },
    ]);
    expect(store.copySelection()).toBe(true);

    const pasted = store.paste();
    const { nodes, edges } = store.getState();
    expect(pasted).toHaveLength(2);
    expect(pasted.some((id) => ['menu', 'sales', 'start'].includes(id))).toBe(false);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
    const copiedEdge = edges.find((e) => pasted.includes(e.source));
    expect(copiedEdge).toMatchObject({ sourceHandle: 'digit-1' });
    expect(pasted).toContain(copiedEdge!.target);
    expect(
      nodes
        .filter((n) => n.selected)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...pasted].sort());

    const again = store.paste();
    expect(again.some((id) => pasted.includes(id))).toBe(false);
  });

  it('saves data only, with the schema version', () => {
    const store = createFlowStore(acmeExample());
    store.select('menu');
    const document = store.document();
    expect(document.schemaVersion).toBe(1);
    expect(Object.keys(document.nodes[2]!).sort()).toEqual(['data', 'id', 'position', 'type']);
    expect(document).toEqual(acmeExample());
  });

  it('tracks unsaved changes by revision', () => {
    const store = createFlowStore(acmeExample());
    const { revision, savedRevision } = store.getState();
    expect(revision).toBe(savedRevision);
    store.addNode('hangup', { x: 0, y: 0 });
    expect(store.getState().revision).not.toBe(store.getState().savedRevision);
    store.markSaved(store.getState().revision);
    store.select(null);
    expect(store.getState().revision).toBe(store.getState().savedRevision);
  });

  it('makes one drag one undo step, and moving nodes is a change that needs no re-validation', () => {
    const store = createFlowStore(acmeExample());
    const { revision, dataRevision } = store.getState();
    for (const [x, dragging] of [
      [10, true],
      [20, true],
      [30, true],
      [30, false],
    ] as const) {
      store.onNodesChange([{ type: 'position', id: 'menu', position: { x, y: 260 }, dragging }]);
    }
    expect(store.getState().revision).toBeGreaterThan(revision);
    expect(store.getState().dataRevision).toBe(dataRevision);
    expect(store.getState().past).toHaveLength(1);
    store.undo();
    expect(store.getState().nodes.find((n) => n.id === 'menu')!.position).toEqual({ x: 0, y: 260 });
  });

  it('pastes nodes copied in another IVR', () => {
    const source = createFlowStore(acmeExample());
    source.select('welcome');
    source.copySelection();
    const target = createFlowStore({ schemaVersion: 1, nodes: [acmeExample().nodes[0]!], edges: [] });
    const [pasted] = target.paste();
    expect(target.getState().nodes.find((n) => n.id === pasted)).toMatchObject({
      type: 'playMessage',
      data: { label: 'Welcome' },
    });
  });
});
