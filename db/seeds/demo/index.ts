export * from './generate.ts';
export type * from './types.ts';
