import { describe, expect, it } from 'vitest';
import { toCanvasEdge, toCanvasNode } from '../flow/document';
import { acmeExample } from '../flow/seedExample';
import { autoLayout } from './autoLayout';

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
});
