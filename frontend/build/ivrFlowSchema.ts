// Vite plugin: the virtual module `virtual:ivr-flow-schema`, built from the one flow schema the C# validator embeds
// (schemas/ivr-flow.schema.json). It exports the schema itself and `validateFlow`, an Ajv validator compiled to plain
// code at build time: the API's Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval') forbids the
// `new Function` Ajv would use to compile in the browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const flowSchemaPath = path.resolve(here, '../../schemas/ivr-flow.schema.json');

const moduleId = 'virtual:ivr-flow-schema';
const resolvedId = `\0${moduleId}`;

export function compileFlowSchema(schemaText: string): string {
  const schema = JSON.parse(schemaText) as { $id: string };
  const ajv = new Ajv2020({
    allErrors: true,
    // The schema uses if/then without "type" next to "properties"; strict mode would only log about it.
    strict: false,
    // Lengths in UTF-16 code units, as C#'s string.Length counts them on the server (this option is deprecated in
    // Ajv 8 but still honoured, and it keeps the generated code free of runtime imports).
    unicode: false,
    logger: false,
    code: { source: true, esm: true },
  });
  ajv.addSchema(schema);
  const validator = standaloneCode(ajv, { validateFlow: schema.$id });
  return `${validator}\nexport const flowSchema = ${schemaText.trim()};\n`;
}

export function ivrFlowSchema(): Plugin {
  return {
    name: 'botpbx-ivr-flow-schema',
    resolveId: (id) => (id === moduleId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(flowSchemaPath);
      return compileFlowSchema(readFileSync(flowSchemaPath, 'utf8'));
    },
  };
}
