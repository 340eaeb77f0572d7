import { z } from 'zod';
import { router, staffProcedure } from '../trpc.ts';
import { openSurvey, saveSurveyDraft, submitSurvey } from '../use-cases/survey.ts';
import { revisionInput } from './inputs.ts';

const roundRef = {
  roundId: z.uuid('Okänd skattningsomgång'),
  schoolUnitId: z.uuid('Okänd enhet'),
};
const answersInput = {
  draftId: z.uuid('Utkastets id måste vara ett UUID'),
  answers: z.record(z.string().max(200), z.unknown()).refine((a) => Object.keys(a).length <= 500, 'För många svar'),
  comments: z.record(z.string().max(200), z.unknown()).refine((c) => Object.keys(c).length <= 50, 'För många kommentarer'),
};

export const surveyRouter = router({
  open: staffProcedure
    .input(z.object(roundRef))
    .query(({ ctx, input }) => openSurvey(ctx.db, ctx.session, input.roundId, input.schoolUnitId, ctx.now())),

  saveDraft: staffProcedure
    .input(z.object({ ...roundRef, ...answersInput, revision: revisionInput(1) }))
    .mutation(({ ctx, input }) => saveSurveyDraft(ctx.db, ctx.session, input, ctx.now())),

  submit: staffProcedure
    .input(z.object({ ...roundRef, ...answersInput }))
    .mutation(({ ctx, input }) => submitSurvey(ctx.db, ctx.session, input, ctx.now())),
});
