import { buildTestTemplate } from './testing.ts';

export default async function setup(): Promise<void> {
  await buildTestTemplate();
}
