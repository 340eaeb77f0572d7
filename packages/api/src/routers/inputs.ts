import { z } from 'zod';

/**
 * The highest revision a client may name. Revisions are PostgreSQL `integer` columns and a save
 * writes revision + 1, so anything near 2^31 must be refused here, not by the database (a 500).
 */
export const REVISION_MAX = 2_000_000_000;

/** A stored text's or draft's revision as the browser last saw it; `min` is 0 where 0 means "nothing saved yet". */
export const revisionInput = (min: 0 | 1) => z.number().int('Okänd version').min(min, 'Okänd version').max(REVISION_MAX, 'Okänd version');
