import { anonymityThresholdSchema, isValidEmail, isValidUnitCode, normalizeUnitCode, SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, authedProcedure, hasRole, router } from '../trpc.ts';
import {
  addUserRole,
  applyImport,
  createTeam,
  createUnit,
  createUser,
  exportOrganization,
  getSettings,
  listAudit,
  listUnits,
  listUsers,
  previewImport,
  removeUserRole,
  runRetention,
  saveSettings,
  setTeamActivity,
  setUnitActivity,
  setUserActivity,
  updateUnit,
  updateUser,
} from '../use-cases/administration.ts';
import { ORGANIZATION_FILE_MAX_BYTES } from '../use-cases/organization-file.ts';

/** Administrators and the organizer level: may read settings and units. */
const adminOrOrganizerProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!hasRole(ctx.session, 'admin', 'organizer')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet till det här.' });
  }
  return next();
});

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Ange ${what}.`)
    .max(200, `${what[0]?.toUpperCase()}${what.slice(1)} får vara högst 200 tecken.`);
const schoolForm = z.enum(SCHOOL_FORMS, 'Välj en skolform.');
const unitCode = z
  .string()
  .transform(normalizeUnitCode)
  .refine((v) => v === '' || isValidUnitCode(v), 'Enhetskoden ska vara skolenhetskoden: åtta siffror. Lämna rutan tom om den saknas.')
  .transform((v) => (v === '' ? null : v));
const email = z.string().trim().toLowerCase().refine(isValidEmail, 'Skriv e-postadressen som namn@exempel.se.');
const retentionDays = (what: string, min: number) =>
  z
    .number({ error: `Ange hur många dagar ${what} sparas.` })
    .int(`Ange hur många dagar ${what} sparas, som ett heltal.`)
    .min(min, `${what[0]?.toUpperCase()}${what.slice(1)} måste sparas i minst ${min} dagar.`)
    .max(3650, `${what[0]?.toUpperCase()}${what.slice(1)} sparas högst 3 650 dagar (tio år).`);

const unitInput = z.object({
  name: name('enhetens namn'),
  unitCode,
  schoolForms: z.array(schoolForm).min(1, 'Välj minst en skolform.').max(SCHOOL_FORMS.length),
});
const userInput = z.object({ name: name('personens namn'), email, title: z.string().trim().max(120, 'Titeln får vara högst 120 tecken.') });
const base64Limit = Math.ceil(ORGANIZATION_FILE_MAX_BYTES / 3) * 4;
const fileInput = z.object({
  fileName: z.string().trim().min(1, 'Välj en fil.').max(255),
  contentBase64: z
    .string()
    .min(1, 'Filen är tom. Välj filen igen.')
    .max(base64Limit, `Filen är för stor (högst ${Math.round(ORGANIZATION_FILE_MAX_BYTES / 1000)} kB). Dela upp den i flera filer.`),
});
const id = (what: string) => z.uuid(`Okänd ${what}`);

/** Administration of the organizer: settings, units and teams, users and roles, import and export, the audit log. */
export const administrationRouter = router({
  settings: adminOrOrganizerProcedure.query(({ ctx }) => getSettings(ctx.db, ctx.session)),

  saveSettings: adminProcedure
    .input(
      z.object({
        name: name('huvudmannens namn'),
        anonymityThreshold: anonymityThresholdSchema,
        staffCanSeeResults: z.boolean(),
        draftRetentionDays: retentionDays('utkast från stängda omgångar', 1),
        auditRetentionDays: retentionDays('loggposter', 30),
      }),
    )
    .mutation(({ ctx, input }) => saveSettings(ctx.db, ctx.session, input, ctx.now())),

  units: adminOrOrganizerProcedure.query(({ ctx }) => listUnits(ctx.db, ctx.session)),

  createUnit: adminProcedure.input(unitInput).mutation(({ ctx, input }) => createUnit(ctx.db, ctx.session, input, ctx.now())),

  updateUnit: adminProcedure
    .input(unitInput.extend({ unitId: id('enhet') }))
    .mutation(({ ctx, input: { unitId, ...unit } }) => updateUnit(ctx.db, ctx.session, unitId, unit, ctx.now())),

  setUnitActive: adminProcedure
    .input(z.object({ unitId: id('enhet'), active: z.boolean() }))
    .mutation(({ ctx, input }) => setUnitActivity(ctx.db, ctx.session, input.unitId, input.active, ctx.now())),

  createTeam: adminProcedure
    .input(z.object({ unitId: id('enhet'), name: name('arbetslagets namn'), schoolForm }))
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.session, input, ctx.now())),

  setTeamActive: adminProcedure
    .input(z.object({ teamId: id('arbetslag'), active: z.boolean() }))
    .mutation(({ ctx, input }) => setTeamActivity(ctx.db, ctx.session, input.teamId, input.active, ctx.now())),

  users: adminProcedure.query(({ ctx }) => listUsers(ctx.db, ctx.session)),

  createUser: adminProcedure.input(userInput).mutation(({ ctx, input }) => createUser(ctx.db, ctx.session, input, ctx.now())),

  updateUser: adminProcedure
    .input(userInput.extend({ userId: id('person') }))
    .mutation(({ ctx, input: { userId, ...user } }) => updateUser(ctx.db, ctx.session, userId, user, ctx.now())),

  setUserActive: adminProcedure
    .input(z.object({ userId: id('person'), active: z.boolean() }))
    .mutation(({ ctx, input }) => setUserActivity(ctx.db, ctx.session, input.userId, input.active, ctx.now())),

  addRole: adminProcedure
    .input(
      z.object({
        userId: id('person'),
        role: z.enum(['staff', 'principal', 'organizer', 'admin'], 'Välj en roll.'),
        unitId: id('enhet').nullable(),
        teamId: id('arbetslag').nullable(),
      }),
    )
    .mutation(({ ctx, input }) => addUserRole(ctx.db, ctx.session, input, ctx.now())),

  removeRole: adminProcedure
    .input(z.object({ roleId: id('roll') }))
    .mutation(({ ctx, input }) => removeUserRole(ctx.db, ctx.session, input.roleId, ctx.now())),

  /** Reads the file and lists every problem; writes nothing. A mutation because the file is the request body. */
  previewImport: adminProcedure.input(fileInput).mutation(({ ctx, input }) => previewImport(ctx.db, ctx.session, input)),

  applyImport: adminProcedure.input(fileInput).mutation(({ ctx, input }) => applyImport(ctx.db, ctx.session, input, ctx.now())),

  /** A mutation, not a query: every export is written to the audit log. */
  exportOrganization: adminProcedure
    .input(z.object({ format: z.enum(['xlsx', 'csv'], 'Välj xlsx eller csv.') }))
    .mutation(({ ctx, input }) => exportOrganization(ctx.db, ctx.session, input.format, ctx.now())),

  audit: adminProcedure
    .input(
      z.object({
        after: z.object({ occurredAt: z.iso.datetime(), id: z.uuid() }).optional(),
        action: z
          .string()
          .regex(/^[a-z.]*$/)
          .max(40)
          .optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.session, input)),

  runRetention: adminProcedure.mutation(({ ctx }) => runRetention(ctx.db, ctx.session, ctx.now())),
});
