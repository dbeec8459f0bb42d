import { describe, expect, it } from 'vitest';
import { toCanvasEdge, toCanvasNode } from '../flow/document';
import { acmeExample } from '../flow/seedExample';
import { autoLayout, freeSpot, layoutIfCrowded } from './autoLayout';

describe('auto-layout', () => {
  it('places each step of the seed example to the right of the one before, the two queues apart', () => {
    const doc = acmeExample();
    const positions = autoLayout(doc.nodes.map(toCanvasNode), doc.edges.map(toCanvasEdge));
    const x = (id: string) => positions.get(id)!.x;
    expect(x('start')).toBeLessThan(x('welcome'));
    expect(x('welcome')).toBeLessThan(x('menu'));
    expect(x('menu')).toBeLessThan(x('sales'));
    expect(x('sales')).toBe(x('support'));
    expect(Math.abs(positions.get('sales')!.y - positions.get('support')!.y)).toBeGreaterThanOrEqual(110);
  });

  it('lays out a document only when its nodes would overlap', () => {
    const spaced = acmeExample();
    spaced.nodes.forEach((n, i) => (n.position = { x: i * 300, y: 0 }));
    expect(layoutIfCrowded(spaced)).toBe(spaced);

    const crowded = acmeExample();
    crowded.nodes.forEach((n, i) => (n.position = { x: 0, y: i * 60 }));
    const laid = layoutIfCrowded(crowded);
    expect(laid).not.toBe(crowded);
    expect(laid.nodes.map((n) => n.position)).not.toEqual(crowded.nodes.map((n) => n.position));
    expect(laid.edges).toEqual(crowded.edges);
  });

  it('finds a free spot for a new node below the nodes it would cover', () => {
    const nodes = acmeExample().nodes.map(toCanvasNode);
    const start = nodes.find((n) => n.id === 'start')!.position;
    const spot = freeSpot(nodes, { ...start });
    expect(spot.x).toBe(start.x);
    expect(spot.y).toBeGreaterThan(start.y);
    expect(freeSpot(nodes, { x: 2000, y: 0 })).toEqual({ x: 2000, y: 0 });
  });
});
