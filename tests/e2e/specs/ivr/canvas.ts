// Helpers that draw on the IVR builder's canvas the way a person does: drag from the palette, drag from an output
// handle to a node's input, click a node to edit it in the side panel.
import { expect, type Locator, type Page } from '@playwright/test';

export const canvas = (page: Page): Locator => page.locator('.react-flow__pane');
export const node = (page: Page, id: string): Locator => page.getByTestId(`ivr-node-${id}`);

/** Drags a palette item onto the canvas at a point relative to the canvas's top-left corner. */
export async function dragFromPalette(page: Page, label: string, at: { x: number; y: number }): Promise<void> {
  const item = page.getByRole('navigation', { name: 'Node palette' }).getByRole('button', { name: label, exact: true });
  await item.dragTo(canvas(page), { targetPosition: at });
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  await expect(locator).toBeVisible();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Connects output `handle` of node `from` to the input of node `to` with the mouse. */
export async function connect(page: Page, from: string, handle: string, to: string): Promise<void> {
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  const source = await centreOf(node(page, from).locator(`.react-flow__handle[data-handleid="${handle}"]`));
  const target = await centreOf(node(page, to).locator('.react-flow__handle.target'));
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await expect(edges).toHaveCount(before + 1);
}

/** Selects a node by clicking its title, which opens its settings in the side panel. */
export async function select(page: Page, id: string): Promise<void> {
  await node(page, id).click({ position: { x: 60, y: 30 } });
}

export async function tidy(page: Page): Promise<void> {
  // The specs run with reduced motion, so the builder re-fits the view without animating it.
  await page.getByRole('toolbar', { name: 'Flow tools' }).getByRole('button', { name: 'Auto-layout' }).click();
}
