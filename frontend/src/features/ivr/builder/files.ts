// Export and import of the flow JSON: the same document the API stores, so a file exported here imports into any
// IVR (or is PUT into another BotPBX).
import { parseDocument } from '../flow/document';
import type { FlowDocument } from '../flow/types';

export function downloadFlow(name: string, document: FlowDocument): void {
  const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = `${name.trim().replace(/[^A-Za-z0-9._-]+/g, '-') || 'ivr'}.ivr.json`;
  link.click();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readFlowFile(file: File): Promise<FlowDocument> {
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON.`);
  }
  // An export of a whole IVR ({ name, flow }) is accepted too.
  const candidate = value && typeof value === 'object' && 'flow' in value ? (value as { flow: unknown }).flow : value;
  return parseDocument(candidate);
}
