/**
 * Every tRPC procedure of the app router, with its input schema: the list the reliability tests
 * (bad input, the authorisation matrix, anonymity) go through, so a new procedure is tested the
 * moment it is registered.
 */
import type { TRPCError } from '@trpc/server';
import { ZodError, type ZodType, z } from 'zod';
import { appRouter } from '../router.ts';

export interface ProcedureInfo {
  /** 'results.unit' */
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The zod input parsers (none for a procedure without input). */
  inputs: ZodType[];
}

interface ProcedureDef {
  _def: { type: ProcedureInfo['type']; inputs: unknown[] };
}

/** All procedures, sorted by path. */
export function listProcedures(): ProcedureInfo[] {
  const record = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
  return Object.entries(record)
    .map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs as ZodType[] }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  [key: string]: unknown;
};

/** The procedure's input as JSON Schema (what the client must send), or null when it takes none. */
export function inputJsonSchema(info: ProcedureInfo): JsonSchema | null {
  const [first, ...rest] = info.inputs;
  if (!first) return null;
  const schema = rest.reduce<ZodType>((merged, next) => z.intersection(merged, next), first);
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Calls a procedure of a caller by its path ('results.unit'). */
export function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** The message the client sees: zod's issues as the error formatter in trpc.ts joins them, else the error's own. */
export function clientMessage(error: TRPCError): string {
  if (error.cause instanceof ZodError) return error.cause.issues.map((i) => i.message).join('; ');
  return error.message;
}

const SWEDISH =
  /[åäöÅÄÖ]|\b(inte|ingen|inga|och|att|ett|en|som|för|Ange|Välj|Okänd|Okänt|Ogiltig|Ogiltigt|Skriv|Filen|Du|Fyll|i|med|kan|ska|har|till|saknas|eller)\b/;
const ENGLISH = /\b(Invalid|expected|received|Unexpected|Cannot|is not|must be|Required|Failed|failed|error|Error|violates|syntax)\b/;

/** A clear Swedish message: not empty, reads as Swedish, and no English parser or driver text. */
export function isSwedishMessage(message: string): boolean {
  return message.trim().length > 0 && SWEDISH.test(message) && !ENGLISH.test(message);
}
