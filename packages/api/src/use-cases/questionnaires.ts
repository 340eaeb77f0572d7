import {
  createDraftVersion,
  type Db,
  discardDraftVersion,
  getIndicatorSources,
  getQuestionnaire,
  getQuestionnaireVersion,
  listLineageIndicatorKeys,
  listOwnVersions,
  listQuestionnaireVersions,
  type QuestionnaireVersionRecord,
  type SessionUser,
  saveDraftVersion,
} from '@kvalitetshjulet/db';
import {
  type AreaDefinition,
  keySlug,
  type QuestionnaireDefinition,
  questionnaireDefinitionSchema,
  SCHOOL_FORM_LABELS,
  type SchoolForm,
  versionKeys,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';

/** An edited questionnaire as the editor sends it. Keys are decided here, never by the page. */
export interface EditedQuestionnaire {
  title: string;
  introduction: string;
  areas: {
    /** The area's key when it already exists in the draft; null for a new area. */
    key: string | null;
    title: string;
    description: string;
    indicators: {
      /** The key (in the version the draft was copied from) this indicator was edited from; null when new. */
      sourceKey: string | null;
      statement: string;
      criteria: string[];
      evidenceHints: string[];
    }[];
  }[];
}

function formLabel(schoolForm: string): string {
  return (SCHOOL_FORM_LABELS[schoolForm as SchoolForm] ?? schoolForm).toLowerCase();
}

const NOT_FOUND = 'Frågeformuläret finns inte. Gå tillbaka till listan över formulär och välj ett där.';

/** Standard questionnaires and the organizer's own versions, with what new rounds of each school form use. */
export async function listQuestionnaires(db: Db, session: SessionUser) {
  const versions = await listQuestionnaireVersions(db, session.organizerId);
  const inUse = new Map<string, string>();
  for (const v of versions) {
    if (v.status !== 'published') continue;
    const current = inUse.get(v.schoolForm);
    const currentVersion = current ? versions.find((x) => x.id === current) : undefined;
    // Own published versions win over the standard; among equals, the highest version.
    if (
      !currentVersion ||
      (v.organizerId !== null && currentVersion.organizerId === null) ||
      ((v.organizerId === null) === (currentVersion.organizerId === null) && v.version > currentVersion.version)
    ) {
      inUse.set(v.schoolForm, v.id);
    }
  }
  return {
    versions: versions.map((v) => ({ ...v, own: v.organizerId !== null, usedForNewRounds: inUse.get(v.schoolForm) === v.id })),
  };
}

async function visibleVersion(db: Db, session: SessionUser, id: string): Promise<QuestionnaireVersionRecord> {
  const version = await getQuestionnaireVersion(db, session.organizerId, id);
  if (!version) throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND });
  return version;
}

async function definitionOf(db: Db, id: string): Promise<QuestionnaireDefinition> {
  const stored = await getQuestionnaire(db, id);
  if (!stored) throw new TRPCError({ code: 'NOT_FOUND', message: NOT_FOUND });
  return stored.definition;
}

/** One version with its content; for a draft also where each indicator came from. */
export async function questionnaireDetails(db: Db, session: SessionUser, id: string) {
  const version = await visibleVersion(db, session, id);
  const [definition, sources, basedOn] = await Promise.all([
    definitionOf(db, id),
    getIndicatorSources(db, id),
    version.basedOn ? getQuestionnaireVersion(db, session.organizerId, version.basedOn) : Promise.resolve(null),
  ]);
  const previousKeys = new Set(basedOn ? (await definitionOf(db, basedOn.id)).areas.flatMap((a) => a.indicators.map((i) => i.key)) : []);
  return {
    id: version.id,
    own: version.organizerId !== null,
    status: version.status,
    version: version.version,
    schoolForm: version.schoolForm,
    publishedAt: version.publishedAt,
    basedOn: basedOn ? { id: basedOn.id, version: basedOn.version, own: basedOn.organizerId !== null } : null,
    definition: {
      ...definition,
      areas: definition.areas.map((a) => ({
        ...a,
        indicators: a.indicators.map((i) => ({
          ...i,
          sourceKey: sources.get(i.key) ?? null,
          /** Compared with the version it was copied from: kept key, new key for a change, or a new indicator. */
          keyStatus: !basedOn
            ? ('kept' as const)
            : previousKeys.has(i.key)
              ? ('kept' as const)
              : sources.get(i.key)
                ? ('changed' as const)
                : ('new' as const),
        })),
      })),
    },
  };
}

/**
 * Starts a draft of the organizer's next version from a published version (a standard one or
 * its own). The draft's content is a copy; every indicator starts with its own key as source.
 */
export async function startDraft(db: Db, session: SessionUser, sourceId: string) {
  const source = await visibleVersion(db, session, sourceId);
  if (source.status !== 'published') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Det här är redan ett utkast. Fortsätt redigera det i stället.' });
  }
  const own = await listOwnVersions(db, session.organizerId, source.key);
  const draft = own.find((v) => v.status === 'draft');
  if (draft) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Det finns redan ett utkast för ${formLabel(source.schoolForm)}. Fortsätt redigera det, eller ta bort det först.`,
    });
  }
  const standard = await listQuestionnaireVersions(db, session.organizerId);
  const highest = Math.max(
    source.version,
    ...own.map((v) => v.version),
    ...standard.filter((v) => v.key === source.key).map((v) => v.version),
  );
  const definition = await definitionOf(db, source.id);
  const version = highest + 1;
  const id = await createDraftVersion(db, {
    organizerId: session.organizerId,
    basedOn: source.id,
    version,
    content: {
      definition: { ...definition, version },
      sourceKeys: new Map(definition.areas.flatMap((a) => a.indicators.map((i) => [i.key, i.key] as const))),
    },
  });
  if (!id) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Det finns redan ett utkast för ${formLabel(source.schoolForm)}. Fortsätt redigera det, eller ta bort det först.`,
    });
  }
  return { id, version };
}

/** Friendly checks before the schema: say where the problem is and what to do. */
function checkEdited(edited: EditedQuestionnaire, steps: { label: string }[]): void {
  const problems: string[] = [];
  if (edited.areas.length === 0) problems.push('Formuläret behöver minst ett område.');
  edited.areas.forEach((area, a) => {
    const where = `Område ${a + 1}${area.title.trim() ? ` (${area.title.trim()})` : ''}`;
    if (!area.title.trim()) problems.push(`${where}: skriv en rubrik.`);
    if (!area.description.trim()) problems.push(`${where}: skriv en kort beskrivning.`);
    if (area.indicators.length === 0) problems.push(`${where}: lägg till minst en indikator eller ta bort området.`);
    area.indicators.forEach((indicator, i) => {
      const at = `${where}, indikator ${i + 1}`;
      if (!indicator.statement.trim()) problems.push(`${at}: skriv påståendet.`);
      if (indicator.criteria.length !== steps.length)
        problems.push(`${at}: ange ett kriterium för vart och ett av de ${steps.length} stegen.`);
      indicator.criteria.forEach((c, s) => {
        if (!c.trim()) problems.push(`${at}: skriv kriteriet för steg ${s + 1} (${steps[s]?.label ?? ''}).`);
      });
      const hints = indicator.evidenceHints.filter((h) => h.trim());
      if (hints.length < 1 || hints.length > 3) problems.push(`${at}: ange ett till tre exempel på underlag.`);
    });
  });
  if (problems.length > 0) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Formuläret kan inte sparas ännu. ${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` (och ${problems.length - 5} till)` : ''}`,
    });
  }
}

/** Builds the draft's definition from the edit: decides area and indicator keys by the version rules. */
async function buildDraftContent(db: Db, session: SessionUser, draft: QuestionnaireVersionRecord, edited: EditedQuestionnaire) {
  const current = await definitionOf(db, draft.id);
  checkEdited(edited, current.scale.steps);
  const previous = draft.basedOn ? await definitionOf(db, draft.basedOn) : null;
  const previousIndicators = previous ? previous.areas.flatMap((a) => a.indicators) : [];
  const knownAreaKeys = new Set([...current.areas.map((a) => a.key), ...(previous?.areas.map((a) => a.key) ?? [])]);

  // Area keys: an existing area keeps its key; a new one gets the questionnaire key and its title.
  const areaKeys: string[] = [];
  for (const area of edited.areas) {
    if (area.key && knownAreaKeys.has(area.key) && !areaKeys.includes(area.key)) {
      areaKeys.push(area.key);
      continue;
    }
    const base = `${draft.key}.${keySlug(area.title)}`;
    let key = base;
    for (let n = 2; areaKeys.includes(key) || knownAreaKeys.has(key); n++) key = `${base}-${n}`;
    areaKeys.push(key);
  }

  const lineage = (await listLineageIndicatorKeys(db, session.organizerId, draft.key, draft.id)).filter((k) => !areaKeys.includes(k));
  const flat = edited.areas.flatMap((area, a) =>
    area.indicators.map((i) => ({
      ...i,
      areaKey: areaKeys[a] as string,
      statement: i.statement.trim(),
      criteria: i.criteria.map((c) => c.trim()),
    })),
  );
  const keys = versionKeys(previousIndicators, flat, { version: draft.version, reserved: [...lineage, ...areaKeys] });

  let k = 0;
  const sourceKeys = new Map<string, string | null>();
  const areas: AreaDefinition[] = edited.areas.map((area, a) => ({
    key: areaKeys[a] as string,
    title: area.title.trim(),
    description: area.description.trim(),
    indicators: area.indicators.map((indicator) => {
      const entry = flat[k] as (typeof flat)[number];
      const key = keys[k++] as string;
      const known = entry.sourceKey !== null && previousIndicators.some((p) => p.key === entry.sourceKey);
      sourceKeys.set(key, known ? entry.sourceKey : null);
      return {
        key,
        statement: entry.statement,
        criteria: entry.criteria,
        evidenceHints: indicator.evidenceHints.map((h) => h.trim()).filter((h) => h.length > 0),
      };
    }),
  }));

  const parsed = questionnaireDefinitionSchema.safeParse({
    ...current,
    version: draft.version,
    title: edited.title.trim(),
    introduction: edited.introduction.trim(),
    areas,
  });
  if (!parsed.success) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Formuläret kan inte sparas ännu: ${parsed.error.issues.map((i) => i.message).join('; ')}. Rätta det och försök igen.`,
    });
  }
  return { definition: parsed.data, sourceKeys };
}

async function ownDraft(db: Db, session: SessionUser, id: string): Promise<QuestionnaireVersionRecord> {
  const version = await visibleVersion(db, session, id);
  if (version.organizerId === null || version.status !== 'draft') {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'En publicerad version kan inte ändras, eftersom omgångar och svar hör till den. Skapa ett nytt utkast och ändra i det.',
    });
  }
  return version;
}

/** Saves the draft, or saves and publishes it as the organizer's next version. */
export async function saveQuestionnaireDraft(
  db: Db,
  session: SessionUser,
  id: string,
  edited: EditedQuestionnaire,
  publish: boolean,
  now: Date,
) {
  const draft = await ownDraft(db, session, id);
  const content = await buildDraftContent(db, session, draft, edited);
  const saved = await saveDraftVersion(db, session.organizerId, id, content, { publish, now });
  if (!saved) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Utkastet har redan publicerats eller tagits bort. Ladda om sidan.' });
  }
  return { id, version: draft.version, status: publish ? ('published' as const) : ('draft' as const) };
}

export async function discardQuestionnaireDraft(db: Db, session: SessionUser, id: string) {
  await ownDraft(db, session, id);
  if (!(await discardDraftVersion(db, session.organizerId, id))) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Utkastet har redan publicerats eller tagits bort. Ladda om sidan.' });
  }
  return { id };
}
