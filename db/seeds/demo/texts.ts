import type { SchoolForm } from '@kvalitetshjulet/domain';
import type { Random } from './random.ts';

/**
 * Swedish texts for the demo: staff comments per area and reasons for group ratings.
 * Comments are picked by matching the area's title, so they fit the real questionnaires
 * and the test ones alike.
 */

const YOUNG: readonly SchoolForm[] = ['forskoleklass', 'grundskola', 'anpassad-grundskola'];
const OLDER: readonly SchoolForm[] = ['gymnasieskola', 'anpassad-gymnasieskola', 'komvux'];
const GRADED: readonly SchoolForm[] = ['grundskola', 'anpassad-grundskola', 'gymnasieskola', 'anpassad-gymnasieskola', 'komvux'];
const CLASSES: readonly SchoolForm[] = ['forskoleklass', 'grundskola', 'anpassad-grundskola', 'gymnasieskola', 'anpassad-gymnasieskola'];

interface CommentPool {
  area: RegExp;
  /** The school forms the texts fit; all forms when left out. */
  forms?: readonly SchoolForm[];
  texts: readonly string[];
}

const COMMENT_POOLS: readonly CommentPool[] = [
  {
    area: /bedömning|betyg/i,
    forms: GRADED,
    texts: [
      'Vi behöver gemensam tid för att planera återkopplingen.',
      'Sambedömning gör vi mest inför betygssättningen, sällan under terminen.',
      'Eleverna vet inte alltid vad som bedöms i ett arbetsområde.',
      'Matriserna ser olika ut mellan ämnena, det blir rörigt för eleverna.',
      'Vi har börjat med gemensamma bedömningsexempel, men det är ingen rutin än.',
      'Återkopplingen kommer ofta för sent för att eleverna ska hinna använda den.',
    ],
  },
  {
    area: /uppföljning|bedömning/i,
    forms: ['forskoleklass', 'fritidshem'],
    texts: [
      'Vi följer upp elevernas utveckling, men dokumentationen ser olika ut mellan oss.',
      'Vi behöver ett gemensamt sätt att följa upp vad eleverna lär sig.',
    ],
  },
  {
    area: /uppföljning|utvärdering/i,
    texts: [
      'Vi dokumenterar mycket men hinner sällan analysera det tillsammans.',
      'Dokumentationen används inte alltid när vi planerar nästa steg.',
    ],
  },
  {
    area: /inflytande|delaktighet/i,
    forms: CLASSES,
    texts: [
      'Elevrådet fungerar bra, men i undervisningen får eleverna sällan vara med och påverka.',
      'Vi frågar eleverna efter ett arbetsområde, sällan innan vi planerar det.',
      'Klassråden blir ofta inställda när det händer mycket annat.',
      'Det är svårt att låta alla elever komma till tals i stora grupper.',
      'Vi har börjat med klassråd varje vecka och ser redan skillnad.',
    ],
  },
  {
    area: /inflytande|delaktighet/i,
    forms: ['fritidshem'],
    texts: [
      'Fritidsrådet fungerar bra, men eleverna är sällan med och planerar aktiviteterna.',
      'Vi frågar eleverna vad de vill göra, men följer sällan upp det.',
    ],
  },
  {
    area: /inflytande|delaktighet/i,
    forms: ['komvux'],
    texts: [
      'Eleverna får vara med och påverka upplägget, men det är svårt med löpande antagning.',
      'Kursutvärderingarna görs, men vi återkopplar sällan vad vi ändrat.',
    ],
  },
  {
    area: /inflytande|delaktighet/i,
    forms: ['forskola'],
    texts: [
      'Barnens intressen syns i leken men mindre i hur vi planerar undervisningen.',
      'De yngsta barnens inflytande blir lätt bortglömt.',
      'Vi har börjat med barnråd på avdelningen, det har gett mycket.',
      'Vi behöver bli bättre på att dokumentera vad barnen själva vill utforska.',
    ],
  },
  {
    area: /normer och värden|värdegrund/i,
    forms: [...YOUNG, 'fritidshem'],
    texts: [
      'Trygghetsteamet gör ett bra arbete, men alla vuxna behöver agera likadant i korridorerna.',
      'Vi pratar mycket om värdegrunden men följer sällan upp vad som händer på rasterna.',
      'Planen mot kränkande behandling är känd bland personalen men inte bland alla vårdnadshavare.',
    ],
  },
  {
    area: /normer och värden|värdegrund/i,
    forms: OLDER,
    texts: [
      'Eleverna känner sig trygga, men vi vuxna agerar olika när vi ser kränkningar.',
      'Vi behöver bli tydligare med gemensamma ordningsregler.',
      'Värdegrundsarbetet syns mest vid terminsstart och blir sedan mindre tydligt.',
    ],
  },
  {
    area: /normer och värden|värdegrund/i,
    forms: ['forskola'],
    texts: [
      'Vi är överens om förhållningssättet, men det syns inte alltid i hallen och vid måltiderna.',
      'Vi behöver prata mer om hur vi bemöter barnen i konflikter.',
    ],
  },
  {
    area: /och hem/i,
    forms: YOUNG,
    texts: [
      'Utvecklingssamtalen fungerar bra, men vi når inte alla vårdnadshavare.',
      'Vi behöver använda tolk oftare vid samtal med vårdnadshavare.',
      'Veckobreven läses, men få vårdnadshavare hör av sig.',
    ],
  },
  {
    area: /och hem/i,
    forms: ['fritidshem'],
    texts: ['Vi träffar vårdnadshavarna varje dag, men pratar sällan om vad eleverna gör och lär sig på fritids.'],
  },
  {
    area: /och hem/i,
    forms: ['forskola'],
    texts: [
      'Kontakten vid lämning och hämtning fungerar bra, men vi hinner sällan prata om barnens lärande.',
      'Vi behöver fler sätt att nå vårdnadshavare som inte pratar svenska.',
    ],
  },
  {
    area: /övergång|samverkan/i,
    forms: YOUNG,
    texts: [
      'Överlämningen från förskolan fungerar bra, men vi får för lite information om elever som behöver stöd.',
      'Samverkan med fritidshemmet sker mest i korridoren, inte planerat.',
      'Vi får sällan veta hur det gick för eleverna efter övergången.',
    ],
  },
  {
    area: /övergång|samverkan/i,
    forms: ['fritidshem'],
    texts: [
      'Samverkan med skolan sker mest i korridoren, inte planerat.',
      'Vi är sällan med när lärarna planerar, så det blir svårt att knyta an till skoldagen.',
    ],
  },
  {
    area: /övergång|samverkan/i,
    forms: ['anpassad-gymnasieskola'],
    texts: ['Samverkan med daglig verksamhet och arbetsgivare inför övergången till vuxenlivet kommer igång för sent.'],
  },
  {
    area: /övergång|samverkan/i,
    forms: ['forskola'],
    texts: [
      'Överlämningen till förskoleklass fungerar bra, men vi får sällan återkoppling efteråt.',
      'Inskolningen av nya barn tar mycket tid från resten av gruppen.',
    ],
  },
  {
    area: /rektor/i,
    texts: [
      'Rektor är tydlig med målen, men vi saknar tid att följa upp dem tillsammans.',
      'Vi skulle behöva mer stöd i hur vi prioriterar när tiden inte räcker.',
      'Bra att vi får vara med och analysera resultaten.',
      'Det är svårt att veta vad som händer med det vi tar upp på arbetsplatsträffarna.',
    ],
  },
  {
    area: /kunskap|undervisning|omsorg, utveckling och lärande/i,
    forms: [...GRADED, 'forskoleklass'],
    texts: [
      'Vi behöver bli bättre på att utmana de elever som redan har kommit långt.',
      'Digitala verktyg används väldigt olika mellan grupperna.',
      'Vi behöver mer tid för kollegialt lärande kring undervisningen.',
      'Anpassningarna fungerar i helklass men är svåra att hinna med i praktiska moment.',
    ],
  },
  {
    area: /kunskap|undervisning/i,
    forms: ['fritidshem'],
    texts: [
      'Vi hinner sällan planera undervisningen i fritidshemmet, tiden går åt till skoldagen.',
      'Utevistelsen fungerar bra, men vi planerar den sällan utifrån syftet i läroplanen.',
    ],
  },
  {
    area: /kunskap|undervisning|lärande/i,
    forms: ['forskola'],
    texts: [
      'Vi har en bra balans mellan omsorg och lärande, men planeringstiden räcker inte.',
      'Undervisningen blir mer genomtänkt när förskollärarna får tid att förbereda.',
      'Vi behöver en tydligare fördelning av ansvaret mellan förskollärare och barnskötare.',
    ],
  },
  {
    area: /omvärld|arbetsliv|utbildningsval|studie/i,
    forms: GRADED,
    texts: [
      'Kontakterna med arbetslivet beror mycket på enskilda lärare.',
      'Studie- och yrkesvägledningen kommer in för sent, eleverna behöver den tidigare.',
    ],
  },
  {
    area: /arbetsplatsförlagt/i,
    forms: ['gymnasieskola', 'anpassad-gymnasieskola'],
    texts: ['Handledarna på APL-platserna behöver mer stöd från oss.', 'Det är svårt att hitta APL-platser till alla elever.'],
  },
];

const GENERAL_COMMENTS: readonly string[] = [
  'Svårt att svara för hela enheten, mitt svar gäller främst mitt arbetslag.',
  'Vi har kommit en bit, men det ser olika ut mellan grupperna.',
  'Tidsbristen gör att vi inte hinner följa upp det vi planerar.',
  'Många nya kollegor i år, så vi har inte hunnit bli samstämmiga.',
  'Det här fungerar bra hos oss.',
  'Vi har pratat om det här på arbetsplatsträffar men inte kommit vidare.',
  'Det här har blivit bättre sedan förra året.',
];

/** A short, realistic staff comment for an area. */
export function pickAreaComment(random: Random, areaTitle: string, schoolForm: SchoolForm): string {
  const specific = COMMENT_POOLS.filter((pool) => pool.area.test(areaTitle) && (pool.forms?.includes(schoolForm) ?? true)).flatMap(
    (pool) => pool.texts,
  );
  if (specific.length > 0 && random.chance(0.8)) return random.pick(specific);
  return random.pick(GENERAL_COMMENTS);
}

function learners(schoolForm: SchoolForm): string {
  return schoolForm === 'forskola' ? 'barnen' : 'eleverna';
}

const GROUP_REASONS: Record<1 | 2 | 3 | 4, readonly string[]> = {
  1: [
    'Vi har inte kommit igång med det här. Vi behöver först enas om vad det innebär hos oss.',
    'Det här saknas i dag. Vi behöver stöd från rektor för att kunna prioritera det.',
  ],
  2: [
    'Vi har börjat, men arbetet bygger mest på enskilda personer. Vi behöver gemensam tid för att planera.',
    'Vi har gemensamma rutiner på papper, men de används sällan i vardagen. Här vill vi lägga fokus nästa termin.',
    'Vi har pratat om det här på arbetslagsträffarna, men det har ännu inte blivit en rutin.',
  ],
  3: [
    'Vi har gemensamma rutiner för det här, men de används inte lika konsekvent i alla grupper.',
    'Vi har gemensamma rutiner för det här, men vi följer sällan upp om de fungerar för alla {learners}.',
    'Arbetssättet är etablerat hos de flesta av oss, men vi behöver skriva ner hur vi gör så att det håller över tid.',
  ],
  4: [
    'Det här genomsyrar vårt arbete. Vi har gemensamma rutiner som alla följer, och vi ser effekterna hos {learners}.',
    'Vi är överens om att det här är en styrka. Arbetssättet har funnits i flera år och nya kollegor introduceras i det.',
  ],
};

const SPLIT_REASON =
  'Våra individuella skattningar skilde sig mycket åt. Efter diskussionen är vi överens om att vi har gemensamma rutiner för det här, men att de inte används av alla.';

/** The team's written reason for a group rating (gemensam skattning); avoids repeating a reason in `used` while it can. */
export function pickGroupReason(
  random: Random,
  level: number,
  schoolForm: SchoolForm,
  afterDisagreement: boolean,
  used: Set<string>,
): string {
  const step = Math.min(4, Math.max(1, Math.round(level))) as 1 | 2 | 3 | 4;
  const candidates = afterDisagreement ? [SPLIT_REASON] : GROUP_REASONS[step].map((r) => r.replace('{learners}', learners(schoolForm)));
  const fresh = candidates.filter((r) => !used.has(r));
  const reason = random.pick(fresh.length > 0 ? fresh : candidates);
  used.add(reason);
  return reason;
}
