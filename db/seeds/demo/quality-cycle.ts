import type { QuestionnaireDefinition } from '@kvalitetshjulet/domain';
import { addDays, addMonths } from './dates.ts';
import type { DemoOrganizer } from './types.ts';

/**
 * Demo quality-cycle plans for Exempelstad kommun, so that the organizer's view of the units'
 * priorities is not empty: the organizer's own priority (likvärdig bedömning) in the latest closed
 * grundskola round, and priorities with activities at three units, two of them linked to it.
 * Ekbackens and Tallbackens skola are left without plans: the journeys write theirs. Deterministic:
 * everything follows from the rounds' dates.
 */

export interface DemoQualityActivity {
  title: string;
  responsible: string;
  startsOn: string;
  endsOn: string;
  resources: string;
  expectedEffect: string;
  followUp: string;
  status: 'planned' | 'ongoing' | 'done' | 'cancelled';
}

export interface DemoQualityPriority {
  key: string;
  title: string;
  reason: string;
  goal: string;
  /** The key of the organizer's priority it is linked to. */
  organizerPriorityKey: string | null;
  indicators: { indicatorKey: string; areaKey: string; targetMean: number | null }[];
  activities: DemoQualityActivity[];
}

export interface DemoQualityPlan {
  roundKey: string;
  /** Null: the organizer's own plan. */
  unitKey: string | null;
  analysis: string;
  priorities: DemoQualityPriority[];
}

export interface DemoQualityCycle {
  plans: DemoQualityPlan[];
}

interface PlanSpec {
  unitName: string | null;
  analysis: string;
  priorities: (Omit<DemoQualityPriority, 'indicators' | 'activities'> & {
    indicators: [string, number | null][];
    activities: (Omit<DemoQualityActivity, 'startsOn' | 'endsOn'> & { startMonths: number; months: number })[];
  })[];
}

const ORGANIZER_PRIORITY = 'likvardig-bedomning';

const PLANS: PlanSpec[] = [
  {
    unitName: null,
    analysis:
      'Bedömning och betyg är det område där enheterna skiljer sig mest, och flera enheter har svagheter i sambedömning och återkoppling.\n\nHuvudmannen prioriterar därför:\n- gemensamma tillfällen för sambedömning mellan skolorna\n- stöd till rektorerna i att följa upp återkopplingen i undervisningen',
    priorities: [
      {
        key: ORGANIZER_PRIORITY,
        title: 'Likvärdig bedömning och betygssättning',
        reason: 'Stor variation mellan enheterna i Bedömning och betyg.',
        goal: 'Eleverna bedöms på samma grunder oavsett skola.',
        organizerPriorityKey: null,
        indicators: [
          ['grundskola.bedomning-och-betyg.sambedomning', 3],
          ['grundskola.bedomning-och-betyg.aterkoppling', 3],
        ],
        activities: [
          {
            title: 'Nätverk för sambedömning mellan skolorna',
            responsible: 'Kvalitetsstrategen',
            startMonths: 1,
            months: 8,
            resources: 'Fyra halvdagar per läsår',
            expectedEffect: 'Samsyn om bedömning mellan skolorna',
            followUp: 'I nästa skattningsomgång och i betygsstatistiken',
            status: 'ongoing',
          },
        ],
      },
    ],
  },
  {
    unitName: 'Norrgårdsskolan',
    analysis:
      'Svagheterna i Bedömning och betyg hänger ihop med att arbetslagen saknar gemensam tid för sambedömning.\n\n1. Bedömningen skiljer sig mellan arbetslagen.\n2. Eleverna får olika tydlig återkoppling.',
    priorities: [
      {
        key: 'norrgard-bedomning',
        title: 'Gemensam bedömning i alla arbetslag',
        reason: 'Tydligt lägre resultat än kommunens snitt i Bedömning och betyg.',
        goal: 'Alla lärare sambedömer minst två gånger per termin.',
        organizerPriorityKey: ORGANIZER_PRIORITY,
        indicators: [
          ['grundskola.bedomning-och-betyg.sambedomning', 3],
          ['grundskola.bedomning-och-betyg.aterkoppling', 2.8],
        ],
        activities: [
          {
            title: 'Sambedömning av nationella prov i arbetslagen',
            responsible: 'Arbetslagsledarna',
            startMonths: 1,
            months: 3,
            resources: 'Två studiedagar',
            expectedEffect: 'Samsyn om bedömningen',
            followUp: 'Vid terminens sista arbetslagsmöte',
            status: 'ongoing',
          },
          {
            title: 'Kollegahandledning om återkoppling',
            responsible: 'Förstelärarna',
            startMonths: 5,
            months: 4,
            resources: 'En timme i veckan',
            expectedEffect: 'Tydligare återkoppling till eleverna',
            followUp: 'Elevenkät i maj',
            status: 'planned',
          },
        ],
      },
    ],
  },
  {
    unitName: 'Sjöviksskolan',
    analysis: 'Resultaten är lägre än kommunens i de flesta områden. Vi börjar med studieron, som påverkar allt annat lärande.',
    priorities: [
      {
        key: 'sjovik-studiero',
        title: 'Studiero i alla klassrum',
        reason: 'Svagheter i studiero och trygghet.',
        goal: 'Eleverna kan koncentrera sig på sitt arbete på alla lektioner.',
        organizerPriorityKey: null,
        indicators: [
          ['grundskola.kunskaper.studiero', 3],
          ['grundskola.normer-och-varden.trygghet', 3],
        ],
        activities: [
          {
            title: 'Gemensamma ordningsregler tas fram med eleverna',
            responsible: 'Rektor',
            startMonths: 1,
            months: 2,
            resources: 'Klassrådstid',
            expectedEffect: 'Tydliga och kända regler',
            followUp: 'Trygghetsenkät i december',
            status: 'done',
          },
        ],
      },
      {
        key: 'sjovik-bedomning',
        title: 'Återkoppling som hjälper eleverna framåt',
        reason: 'Eleverna vet inte alltid vad som bedöms.',
        goal: 'Alla elever vet vad som bedöms i varje ämne.',
        organizerPriorityKey: ORGANIZER_PRIORITY,
        indicators: [['grundskola.bedomning-och-betyg.aterkoppling', 2.8]],
        activities: [
          {
            title: 'Lärloggar i alla ämnen',
            responsible: 'Ämneslagen',
            startMonths: 3,
            months: 6,
            resources: 'Fortbildning en eftermiddag',
            expectedEffect: 'Synlig återkoppling',
            followUp: 'Elevintervjuer i april',
            status: 'planned',
          },
        ],
      },
    ],
  },
  {
    unitName: 'Centralskolan',
    analysis: 'Undervisningen behöver anpassas bättre efter elevernas olika behov; spridningen i svaren visar att vi ser olika på det.',
    priorities: [
      {
        key: 'central-anpassning',
        title: 'Anpassad undervisning för alla elever',
        reason: 'Samtalsfråga med stor spridning i arbetslagen.',
        goal: 'Fler elever får både stöd och utmaningar.',
        organizerPriorityKey: null,
        indicators: [['grundskola.kunskaper.anpassad-undervisning', 3]],
        activities: [
          {
            title: 'Lektionsbesök med fokus på anpassningar',
            responsible: 'Specialpedagogen',
            startMonths: 2,
            months: 5,
            resources: 'Specialpedagogens tid',
            expectedEffect: 'Gemensam bild av fungerande anpassningar',
            followUp: 'Sammanställning i arbetslagen i mars',
            status: 'planned',
          },
        ],
      },
    ],
  },
];

/** The demo plans of an organizer, or undefined (only Exempelstad kommun has them). */
export function buildDemoQualityCycle(
  organizer: DemoOrganizer,
  options: { today: string; questionnaires: readonly QuestionnaireDefinition[] },
): DemoQualityCycle | undefined {
  if (organizer.key !== 'exempelstad') return undefined;
  const round = organizer.rounds
    .filter((r) => r.schoolForm === 'grundskola' && r.closesOn < options.today)
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn))
    .at(-1);
  const questionnaire = options.questionnaires
    .filter((q) => q.schoolForm === 'grundskola')
    .sort((a, b) => a.version - b.version)
    .at(-1);
  if (!round || !questionnaire) return undefined;
  const areaOf = new Map(questionnaire.areas.flatMap((a) => a.indicators.map((i) => [i.key, a.key] as const)));
  const start = addDays(round.closesOn, 14);
  const plans: DemoQualityPlan[] = [];
  for (const spec of PLANS) {
    const unit = spec.unitName === null ? null : organizer.units.find((u) => u.name === spec.unitName);
    if (unit === undefined || (unit && !round.unitKeys.includes(unit.key))) continue;
    plans.push({
      roundKey: round.key,
      unitKey: unit ? unit.key : null,
      analysis: spec.analysis,
      priorities: spec.priorities.map((p) => ({
        ...p,
        indicators: p.indicators
          .filter(([key]) => areaOf.has(key))
          .map(([indicatorKey, targetMean]) => ({ indicatorKey, areaKey: areaOf.get(indicatorKey) as string, targetMean })),
        activities: p.activities.map(({ startMonths, months, ...a }) => {
          const startsOn = addMonths(start, startMonths - 1);
          return { ...a, startsOn, endsOn: addDays(addMonths(startsOn, months), -1) };
        }),
      })),
    });
  }
  return { plans };
}

/** Adds the demo plans to an organizer of the data set. */
export function withDemoQualityCycle(
  organizer: DemoOrganizer,
  options: { today: string; questionnaires: readonly QuestionnaireDefinition[] },
): DemoOrganizer {
  const qualityCycle = buildDemoQualityCycle(organizer, options);
  return qualityCycle ? { ...organizer, qualityCycle } : organizer;
}
