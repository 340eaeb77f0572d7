import { DONT_KNOW } from '@kvalitetshjulet/domain';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.ts';
import { listMyConsensusTeams, saveConsensus, viewConsensus } from '../use-cases/consensus.ts';

const ref = { roundId: z.uuid('Okänd skattningsomgång'), teamId: z.uuid('Okänt arbetslag') };

/** Gemensam skattning. Access is decided per team in the use-case: rektor, organizer level or the team's lead. */
export const consensusRouter = router({
  teams: authedProcedure.query(({ ctx }) => listMyConsensusTeams(ctx.db, ctx.session, ctx.now())),

  view: authedProcedure
    .input(z.object(ref))
    .query(({ ctx, input }) => viewConsensus(ctx.db, ctx.session, input.roundId, input.teamId, ctx.now())),

  save: authedProcedure
    .input(
      z.object({
        ...ref,
        indicatorKey: z.string().min(1).max(200),
        value: z.union([z.number().int('Välj ett helt steg'), z.literal(DONT_KNOW)]),
        reason: z
          .string()
          .trim()
          .min(1, 'Skriv en motivering till den gemensamma skattningen.')
          .max(2000, 'Motiveringen får vara högst 2000 tecken.'),
      }),
    )
    .mutation(({ ctx, input }) => saveConsensus(ctx.db, ctx.session, input, ctx.now())),
});
