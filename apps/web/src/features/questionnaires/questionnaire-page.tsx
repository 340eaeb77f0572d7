import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';

interface EditIndicator {
  /** Only for React: stable while the list changes. */
  uid: string;
  sourceKey: string | null;
  statement: string;
  criteria: string[];
  /** One hint per line. */
  evidenceHints: string;
  /** How the key is decided: as loaded from the server. */
  loadedStatus: 'kept' | 'changed' | 'new';
  loaded: { statement: string; criteria: string[] } | null;
  key: string | null;
}

interface EditArea {
  uid: string;
  key: string | null;
  title: string;
  description: string;
  indicators: EditIndicator[];
}

interface Draft {
  title: string;
  introduction: string;
  areas: EditArea[];
}

let uidCounter = 0;
const uid = () => `u${++uidCounter}`;

interface Details {
  id: string;
  status: 'draft' | 'published';
  own: boolean;
  version: number;
  schoolForm: string;
  basedOn: { id: string; version: number; own: boolean } | null;
  definition: {
    title: string;
    introduction: string;
    scale: { steps: { value: number; label: string }[] };
    areas: {
      key: string;
      title: string;
      description: string;
      indicators: {
        key: string;
        sourceKey: string | null;
        keyStatus: 'kept' | 'changed' | 'new';
        statement: string;
        criteria: string[];
        evidenceHints: string[];
      }[];
    }[];
  };
}

function toDraft(details: Details): Draft {
  return {
    title: details.definition.title,
    introduction: details.definition.introduction,
    areas: details.definition.areas.map((a) => ({
      uid: uid(),
      key: a.key,
      title: a.title,
      description: a.description,
      indicators: a.indicators.map((i) => ({
        uid: uid(),
        key: i.key,
        sourceKey: i.sourceKey,
        statement: i.statement,
        criteria: [...i.criteria],
        evidenceHints: i.evidenceHints.join('\n'),
        loadedStatus: i.keyStatus,
        loaded: { statement: i.statement, criteria: [...i.criteria] },
      })),
    })),
  };
}

function toInput(draft: Draft) {
  return {
    title: draft.title,
    introduction: draft.introduction,
    areas: draft.areas.map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description,
      indicators: a.indicators.map((i) => ({
        sourceKey: i.sourceKey,
        statement: i.statement,
        criteria: i.criteria,
        evidenceHints: i.evidenceHints
          .split('\n')
          .map((h) => h.trim())
          .filter((h) => h.length > 0),
      })),
    })),
  };
}

function keyStatus(i: EditIndicator): 'kept' | 'changed' | 'new' {
  if (i.sourceKey === null) return 'new';
  const edited =
    i.loaded === null ||
    i.loaded.statement.trim() !== i.statement.trim() ||
    i.loaded.criteria.some((c, n) => c.trim() !== (i.criteria[n] ?? '').trim());
  return edited ? 'changed' : i.loadedStatus;
}

const KEY_STATUS_TEXT = {
  kept: 'Oförändrad: resultaten jämförs med tidigare omgångar.',
  changed: 'Ändrad: får en ny nyckel och jämförs inte med tidigare resultat.',
  new: 'Ny indikator: jämförs inte med tidigare resultat.',
} as const;

/** One questionnaire version: a published one is shown as it is; a draft is edited here. */
export function QuestionnairePage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const details = useQuery(trpc.questionnaires.get.queryOptions({ id }));
  if (details.isPending) return <LoadingBlock label="Hämtar frågeformuläret …" />;
  if (details.isError) return <QueryError error={details.error} />;
  const data = details.data as Details;
  return data.status === 'draft' ? <DraftEditor key={data.id} details={data} /> : <PublishedVersion details={data} />;
}

function VersionHeading({ details }: { details: Details }) {
  return (
    <>
      <p className="breadcrumb">
        <Link to="/formular">Frågeformulär</Link>
      </p>
      <h1>
        {details.definition.title} – {details.status === 'draft' ? `utkast till version ${details.version}` : `version ${details.version}`}
      </h1>
    </>
  );
}

function PublishedVersion({ details }: { details: Details }) {
  const steps = details.definition.scale.steps;
  return (
    <div>
      <VersionHeading details={details} />
      <p className="lead">
        {schoolFormLabel(details.schoolForm)} · {details.own ? 'Huvudmannens egen version' : 'Standardformulär'}. En publicerad version
        ändras inte: omgångar som använder den behåller sina frågor och resultat. Vill du ändra något skapar du ett nytt utkast från listan
        över formulär.
      </p>
      {details.definition.areas.map((area, a) => (
        <section key={area.key} className="section" aria-labelledby={`area-${a}`}>
          <h2 id={`area-${a}`}>
            {a + 1}. {area.title}
          </h2>
          <p>{area.description}</p>
          <ol className="indicator-list">
            {area.indicators.map((indicator) => (
              <li key={indicator.key} className="card">
                <p className="card__title">{indicator.statement}</p>
                <dl className="criteria-list">
                  {indicator.criteria.map((c, s) => (
                    <div key={steps[s]?.value ?? s}>
                      <dt>
                        {s + 1} {steps[s]?.label}
                      </dt>
                      <dd>{c}</dd>
                    </div>
                  ))}
                </dl>
                <p className="card__meta">Nyckel: {indicator.key}</p>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function DraftEditor({ details }: { details: Details }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => toDraft(details));
  const [dirty, setDirty] = useState(false);
  const [confirm, setConfirm] = useState<'publish' | 'discard' | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const steps = details.definition.scale.steps;
  const formLabel = schoolFormLabel(details.schoolForm).toLowerCase();

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.questionnaires.get.queryKey({ id: details.id }) });
    await queryClient.invalidateQueries({ queryKey: trpc.questionnaires.list.queryKey() });
  };
  const save = useMutation(
    trpc.questionnaires.saveDraft.mutationOptions({
      onSuccess: async () => {
        // Fresh from the server (staleTime 0): the keys it decided, and the content as stored.
        const fresh = await queryClient.fetchQuery({ ...trpc.questionnaires.get.queryOptions({ id: details.id }), staleTime: 0 });
        setDraft(toDraft(fresh as Details));
        setDirty(false);
        setSavedAt(new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' }).format(new Date()));
        await queryClient.invalidateQueries({ queryKey: trpc.questionnaires.list.queryKey() });
      },
    }),
  );
  const publish = useMutation(
    trpc.questionnaires.publish.mutationOptions({
      onSuccess: async () => {
        setConfirm(null);
        await refresh();
      },
    }),
  );
  const discard = useMutation(
    trpc.questionnaires.discardDraft.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.questionnaires.list.queryKey() });
        await navigate('/formular');
      },
    }),
  );

  const update = (change: (d: Draft) => Draft) => {
    setDraft(change);
    setDirty(true);
  };
  const updateArea = (a: number, change: (area: EditArea) => EditArea) =>
    update((d) => ({ ...d, areas: d.areas.map((area, i) => (i === a ? change(area) : area)) }));
  const updateIndicator = (a: number, n: number, change: (i: EditIndicator) => EditIndicator) =>
    updateArea(a, (area) => ({ ...area, indicators: area.indicators.map((ind, i) => (i === n ? change(ind) : ind)) }));

  const error = save.error?.message ?? publish.error?.message ?? discard.error?.message ?? null;

  return (
    <div>
      <VersionHeading details={details} />
      <p className="lead">
        Ändra påståenden, kriterier och områden, och lägg till egna indikatorer. Ändringarna syns i nya omgångar först när du publicerar.
        Utkastet bygger på{' '}
        {details.basedOn
          ? `${details.basedOn.own ? 'egen version' : 'standardformulärets version'} ${details.basedOn.version}`
          : 'ett tidigare formulär'}
        .
      </p>
      <form
        className="questionnaire-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ id: details.id, questionnaire: toInput(draft) });
        }}
      >
        <div className="form-grid">
          <label className="field field--wide">
            <span className="field-label">Formulärets titel</span>
            <input type="text" value={draft.title} maxLength={200} onChange={(e) => update((d) => ({ ...d, title: e.target.value }))} />
          </label>
          <label className="field field--wide">
            <span className="field-label">Inledning till den som skattar</span>
            <textarea
              value={draft.introduction}
              rows={4}
              maxLength={3000}
              onChange={(e) => update((d) => ({ ...d, introduction: e.target.value }))}
            />
          </label>
        </div>
        {draft.areas.map((area, a) => (
          <fieldset key={area.uid} className="editor-area">
            <legend>
              Område {a + 1}: {area.title || 'utan rubrik'}
            </legend>
            <div className="form-grid">
              <label className="field">
                <span className="field-label">Områdets rubrik</span>
                <input
                  type="text"
                  value={area.title}
                  maxLength={200}
                  onChange={(e) => updateArea(a, (x) => ({ ...x, title: e.target.value }))}
                />
              </label>
              <label className="field field--wide">
                <span className="field-label">Beskrivning av området</span>
                <textarea
                  rows={2}
                  value={area.description}
                  maxLength={1000}
                  onChange={(e) => updateArea(a, (x) => ({ ...x, description: e.target.value }))}
                />
              </label>
            </div>
            {area.indicators.map((indicator, n) => (
              <IndicatorEditor
                key={indicator.uid}
                label={`Indikator ${a + 1}.${n + 1}`}
                indicator={indicator}
                steps={steps}
                onChange={(change) => updateIndicator(a, n, change)}
                onRemove={() => updateArea(a, (x) => ({ ...x, indicators: x.indicators.filter((_, i) => i !== n) }))}
              />
            ))}
            <div className="actions">
              <button
                type="button"
                className="button button--quiet"
                onClick={() =>
                  updateArea(a, (x) => ({
                    ...x,
                    indicators: [
                      ...x.indicators,
                      {
                        uid: uid(),
                        key: null,
                        sourceKey: null,
                        statement: '',
                        criteria: steps.map(() => ''),
                        evidenceHints: '',
                        loadedStatus: 'new',
                        loaded: null,
                      },
                    ],
                  }))
                }
              >
                Lägg till indikator i {area.title || `område ${a + 1}`}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => update((d) => ({ ...d, areas: d.areas.filter((_, i) => i !== a) }))}
              >
                Ta bort området {area.title || a + 1}
              </button>
            </div>
          </fieldset>
        ))}
        <div className="actions">
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              update((d) => ({ ...d, areas: [...d.areas, { uid: uid(), key: null, title: '', description: '', indicators: [] }] }))
            }
          >
            Lägg till område
          </button>
        </div>
        {error && (
          <div className="notice notice--error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <div className="editor-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Sparar …' : 'Spara utkastet'}
          </button>
          <button type="button" className="button" onClick={() => setConfirm('publish')}>
            Publicera som ny version
          </button>
          <button type="button" className="button button--quiet" onClick={() => setConfirm('discard')}>
            Ta bort utkastet
          </button>
          <p className="card__meta" role="status">
            {dirty ? 'Ändringar som inte är sparade.' : savedAt ? `Utkastet sparades kl. ${savedAt}.` : ''}
          </p>
        </div>
      </form>
      <ConfirmDialog
        open={confirm === 'publish'}
        title={`Publicera version ${details.version}?`}
        confirmLabel={publish.isPending ? 'Publicerar …' : 'Publicera'}
        pending={publish.isPending}
        error={publish.error?.message ?? null}
        onConfirm={() => publish.mutate({ id: details.id, questionnaire: toInput(draft) })}
        onCancel={() => setConfirm(null)}
      >
        <p>
          Nya omgångar för {formLabel} använder version {details.version} från och med nu. Omgångar som redan har öppnats behåller sin
          version och sina resultat – ingenting i dem ändras.
        </p>
        <p>
          Oförändrade indikatorer behåller sin nyckel och jämförs med tidigare omgångar. Ändrade och nya indikatorer jämförs inte bakåt.
        </p>
        <p>En publicerad version kan inte ändras. Vill du ändra något senare skapar du ett nytt utkast.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'discard'}
        title="Ta bort utkastet?"
        confirmLabel="Ta bort utkastet"
        pending={discard.isPending}
        error={discard.error?.message ?? null}
        onConfirm={() => discard.mutate({ id: details.id })}
        onCancel={() => setConfirm(null)}
      >
        <p>Alla ändringar i utkastet försvinner. Publicerade versioner påverkas inte.</p>
      </ConfirmDialog>
    </div>
  );
}

function IndicatorEditor({
  label,
  indicator,
  steps,
  onChange,
  onRemove,
}: {
  label: string;
  indicator: EditIndicator;
  steps: { value: number; label: string }[];
  onChange: (change: (i: EditIndicator) => EditIndicator) => void;
  onRemove: () => void;
}) {
  const statusId = useId();
  const status = keyStatus(indicator);
  return (
    <fieldset className="editor-indicator" aria-describedby={statusId}>
      <legend>{label}</legend>
      <p id={statusId} className={`key-status key-status--${status}`}>
        {KEY_STATUS_TEXT[status]}
      </p>
      <label className="field">
        <span className="field-label">Påstående</span>
        <textarea
          rows={2}
          value={indicator.statement}
          maxLength={500}
          onChange={(e) => onChange((i) => ({ ...i, statement: e.target.value }))}
        />
      </label>
      {steps.map((step, s) => (
        <label key={step.value} className="field">
          <span className="field-label">
            Kriterium steg {step.value} – {step.label}
          </span>
          <textarea
            rows={2}
            value={indicator.criteria[s] ?? ''}
            maxLength={1000}
            onChange={(e) => onChange((i) => ({ ...i, criteria: steps.map((_, n) => (n === s ? e.target.value : (i.criteria[n] ?? ''))) }))}
          />
        </label>
      ))}
      <label className="field">
        <span className="field-label">Exempel på underlag (ett till tre, ett per rad)</span>
        <textarea rows={2} value={indicator.evidenceHints} onChange={(e) => onChange((i) => ({ ...i, evidenceHints: e.target.value }))} />
      </label>
      <button type="button" className="button button--quiet" onClick={onRemove}>
        Ta bort {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

function ConfirmDialog({
  open,
  title,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <h2 id={titleId}>{title}</h2>
      {children}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={pending}>
          Avbryt
        </button>
      </div>
    </dialog>
  );
}
