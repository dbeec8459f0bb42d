// The virtual module built by frontend/build/ivrFlowSchema.ts from schemas/ivr-flow.schema.json.
declare module 'virtual:ivr-flow-schema' {
  export interface SchemaError {
    instancePath: string;
    schemaPath: string;
    keyword: string;
    params: Record<string, unknown>;
    message?: string;
  }
  export interface FlowValidateFunction {
    (document: unknown): boolean;
    errors?: SchemaError[] | null;
  }
  export const validateFlow: FlowValidateFunction;
  export const flowSchema: {
    $id: string;
    $defs: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  };
}
