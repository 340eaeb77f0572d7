import { z } from 'zod';
import { questionnaireEditorProcedure, router } from '../trpc.ts';
import {
  discardQuestionnaireDraft,
  listQuestionnaires,
  questionnaireDetails,
  saveQuestionnaireDraft,
  startDraft,
} from '../use-cases/questionnaires.ts';

const id = z.uuid('Okänt frågeformulär');
const text = (max: number, what: string) => z.string().max(max, `${what} får vara högst ${max} tecken.`);
const key = z.string().max(200).nullable();

const edited = z.object({
  title: text(200, 'Titeln'),
  introduction: text(3000, 'Inledningen'),
  areas: z
    .array(
      z.object({
        key,
        title: text(200, 'Områdets rubrik'),
        description: text(1000, 'Områdets beskrivning'),
        indicators: z
          .array(
            z.object({
              sourceKey: key,
              statement: text(500, 'Påståendet'),
              criteria: z.array(text(1000, 'Ett kriterium')).max(10),
              evidenceHints: z.array(text(300, 'Ett exempel på underlag')).max(3, 'Ange högst tre exempel på underlag.'),
            }),
          )
          .max(40, 'Ett område får ha högst 40 indikatorer.'),
      }),
    )
    .max(20, 'Formuläret får ha högst 20 områden.'),
});

/** Frågeformulär: the standard ones and the organizer's own versions. Huvudmannanivå and administrators only. */
export const questionnairesRouter = router({
  list: questionnaireEditorProcedure.query(({ ctx }) => listQuestionnaires(ctx.db, ctx.session)),

  get: questionnaireEditorProcedure.input(z.object({ id })).query(({ ctx, input }) => questionnaireDetails(ctx.db, ctx.session, input.id)),

  /** A draft of the next own version, copied from a published one (standard or own). */
  startDraft: questionnaireEditorProcedure
    .input(z.object({ fromId: id }))
    .mutation(({ ctx, input }) => startDraft(ctx.db, ctx.session, input.fromId)),

  saveDraft: questionnaireEditorProcedure
    .input(z.object({ id, questionnaire: edited }))
    .mutation(({ ctx, input }) => saveQuestionnaireDraft(ctx.db, ctx.session, input.id, input.questionnaire, false, ctx.now())),

  /** Saves and publishes the draft as a new version; rounds already opened keep their version. */
  publish: questionnaireEditorProcedure
    .input(z.object({ id, questionnaire: edited }))
    .mutation(({ ctx, input }) => saveQuestionnaireDraft(ctx.db, ctx.session, input.id, input.questionnaire, true, ctx.now())),

  discardDraft: questionnaireEditorProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => discardQuestionnaireDraft(ctx.db, ctx.session, input.id)),
});
