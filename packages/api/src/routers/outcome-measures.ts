import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { todayIn } from '../context.ts';
import { authedProcedure, hasRole, organizerProcedure, principalProcedure, router } from '../trpc.ts';
import { ORGANIZATION_FILE_MAX_BYTES } from '../use-cases/organization-file.ts';
import {
  applyOutcomeFile,
  CURRENT_STATE_PART_KINDS,
  getCatalogue,
  getCurrentStateDocument,
  getScatter,
  getUnitPanel,
  listNotes,
  previewOutcomeImport,
  removeMeasure,
  removeNote,
  saveCurrentStateDocument,
  saveMeasure,
  saveNote,
  setLinks,
} from '../use-cases/outcome-measures.ts';
import { revisionInput } from './inputs.ts';

/** Who may read some results: staff (own unit, when allowed), rektorer and the organizer level; the unit is checked in the use-case. */
const resultsReader = authedProcedure.use(({ ctx, next }) => {
  if (!hasRole(ctx.session, 'staff', 'principal', 'organizer')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet att se resultat.' });
  }
  return next();
});

const roundId = z.uuid('Okänd skattningsomgång');
const schoolUnitId = z.uuid('Okänd enhet');
const measureId = z.uuid('Okänt mått');
const text = (what: string, max: number) => z.string().max(max, `${what} får vara högst ${max} tecken.`);
const requiredText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Fyll i ${what}.`)
    .max(max, `${what[0]?.toUpperCase()}${what.slice(1)} får vara högst ${max} tecken.`);

const base64Limit = Math.ceil(ORGANIZATION_FILE_MAX_BYTES / 3) * 4;
const columnMapping = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ignore') }),
  z.object({ kind: z.literal('measure'), measureId }),
  z.object({
    kind: z.literal('new'),
    name: text('Måttets namn', 200),
    unitOfMeasure: text('Måttenheten', 40),
    source: text('Källan', 120),
  }),
]);
const fileInput = z.object({
  fileName: z.string().trim().min(1, 'Välj en fil.').max(255),
  contentBase64: z
    .string()
    .min(1, 'Filen är tom. Välj filen igen.')
    .max(base64Limit, `Filen är för stor (högst ${Math.round(ORGANIZATION_FILE_MAX_BYTES / 1000)} kB). Dela upp den i flera filer.`),
  period: z.string().max(40).nullable().optional(),
  mapping: z
    .array(z.object({ index: z.number().int().min(0).max(500), mapping: columnMapping }))
    .max(500)
    .optional(),
});

const measureInput = z.object({
  id: measureId.optional(),
  name: requiredText('måttets namn', 200),
  definition: text('Definitionen', 2000),
  unitOfMeasure: text('Måttenheten', 40),
  source: text('Källan', 120),
  direction: z.enum(['higher-is-better', 'lower-is-better'], 'Välj om högre eller lägre värden är bättre.'),
  scaleMin: z.number('Skalans lägsta värde måste vara ett tal.').finite().nullable(),
  scaleMax: z.number('Skalans högsta värde måste vara ett tal.').finite().nullable(),
});

const noteInput = z.object({
  id: z.uuid('Okänd anteckning').optional(),
  roundId,
  schoolUnitId,
  kind: z.enum(['observation', 'intervju', 'klagomal', 'ovrigt'], 'Välj typ av underlag.'),
  title: requiredText('en rubrik', 200),
  body: requiredText('anteckningens text', 20000),
  areaKeys: z.array(z.string().max(200)).min(1, 'Välj minst ett område som anteckningen gäller.').max(20),
});

const partInput = z.object({
  kind: z.enum(CURRENT_STATE_PART_KINDS, 'Okänd del av nulägesbeskrivningen.'),
  text: text('Texten i en del', 20000),
  selected: z.array(z.string().max(300)).max(200),
});

/** Outcome measures (nyckeltal) beside the self-ratings, evidence notes and the current-state description. */
export const outcomeMeasuresRouter = router({
  /** The catalogue, the links and what can be linked. Organizer level. */
  catalogue: organizerProcedure.query(({ ctx }) => getCatalogue(ctx.db, ctx.session)),

  saveMeasure: organizerProcedure.input(measureInput).mutation(({ ctx, input }) => saveMeasure(ctx.db, ctx.session, input, ctx.now())),

  deleteMeasure: organizerProcedure
    .input(z.object({ id: measureId }))
    .mutation(({ ctx, input }) => removeMeasure(ctx.db, ctx.session, input.id, ctx.now())),

  /** Replaces the measures linked to one area or indicator. */
  setLinks: organizerProcedure
    .input(
      z.object({
        targetKind: z.enum(['area', 'indicator']),
        targetKey: z.string().min(1).max(200),
        schoolForm: z.string().min(1).max(40),
        measureIds: z.array(measureId).max(50),
      }),
    )
    .mutation(({ ctx, input }) => setLinks(ctx.db, ctx.session, input)),

  /** Reads the file and lists every problem; writes nothing. A mutation because the file is the request body. */
  previewImport: organizerProcedure.input(fileInput).mutation(({ ctx, input }) => previewOutcomeImport(ctx.db, ctx.session, input)),

  applyImport: organizerProcedure.input(fileInput).mutation(({ ctx, input }) => applyOutcomeFile(ctx.db, ctx.session, input, ctx.now())),

  /** A unit's outcome measures, linked pairs with the mismatch rule, and its evidence notes. */
  unitPanel: resultsReader
    .input(z.object({ roundId, schoolUnitId }))
    .query(({ ctx, input }) => getUnitPanel(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** Self-rating against outcome per unit for one linked pair. Organizer level: every unit; rektor: own units. */
  scatter: principalProcedure
    .input(z.object({ roundId, targetKey: z.string().max(200).optional(), measureId: measureId.optional() }))
    .query(({ ctx, input }) => getScatter(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  notes: resultsReader.input(z.object({ roundId, schoolUnitId })).query(({ ctx, input }) => listNotes(ctx.db, ctx.session, input)),

  saveNote: principalProcedure.input(noteInput).mutation(({ ctx, input }) => saveNote(ctx.db, ctx.session, input)),

  deleteNote: principalProcedure
    .input(z.object({ id: z.uuid('Okänd anteckning') }))
    .mutation(({ ctx, input }) => removeNote(ctx.db, ctx.session, input.id)),

  /** The current-state description as structured data (parts with headings, figures and texts). */
  currentState: resultsReader
    .input(z.object({ roundId, schoolUnitId: schoolUnitId.optional() }))
    .query(({ ctx, input }) => getCurrentStateDocument(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  saveCurrentState: principalProcedure
    .input(
      z.object({
        roundId,
        schoolUnitId: schoolUnitId.optional(),
        parts: z.array(partInput).max(CURRENT_STATE_PART_KINDS.length),
        expectedRevision: revisionInput(0),
      }),
    )
    .mutation(({ ctx, input }) => saveCurrentStateDocument(ctx.db, ctx.session, input)),
});
