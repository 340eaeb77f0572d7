import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { FormRoundFilters } from '../../components/form-round-filters.tsx';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { chooseFormAndRound } from '../../lib/form-and-round.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useUrlFilters } from '../../lib/use-url-filters.ts';

type PartKind = 'areas' | 'findings' | 'outcomes' | 'mismatches' | 'notes';
interface PartState {
  kind: PartKind;
  text: string;
  selected: string[];
}

const AUTOSAVE_MS = 800;

/** Nulägesbeskrivning: where are we? Chosen results, findings, outcome measures and notes with the rektor's text. */
export default function CurrentStatePage() {
  const trpc = useTRPC();
  const { params, update } = useUrlFilters();
  const nav = useQuery(trpc.resultsNavigation.options.queryOptions());
  if (nav.isPending) return <LoadingBlock label="Hämtar dina enheter …" />;
  if (nav.isError) return <QueryError error={nav.error} />;
  const { units, organizerLevel } = nav.data;
  const wantedUnit = params.get('enhet');
  const unitId =
    wantedUnit && units.some((u) => u.id === wantedUnit)
      ? wantedUnit
      : organizerLevel && wantedUnit === null
        ? null
        : (units[0]?.id ?? null);
  const roundsOfScope = unitId ? nav.data.rounds.filter((r) => r.schoolUnitId === unitId) : nav.data.rounds;
  const { forms, form, rounds, roundId } = chooseFormAndRound(roundsOfScope, params.get('skolform'), params.get('omgang'));
  return (
    <div className="results-page">
      <h1>Nulägesbeskrivning</h1>
      <p className="lead">
        Var är vi? Samla de resultat, nyckeltal och underlag som beskriver nuläget och skriv er tolkning till varje del. Analysen (Vart ska
        vi?) utgår från nulägesbeskrivningen, och den tas med i kvalitetsrapporten.
      </p>
      <FormRoundFilters forms={forms} form={form} rounds={rounds} roundId={roundId} onChange={update}>
        <label className="field">
          <span className="field-label">Gäller</span>
          <select value={unitId ?? ''} onChange={(e) => update({ enhet: e.target.value || null, omgang: null })}>
            {organizerLevel && <option value="">Hela huvudmannen</option>}
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      </FormRoundFilters>
      {roundId ? (
        <CurrentStateEditor key={`${roundId}|${unitId ?? ''}`} roundId={roundId} unitId={unitId} />
      ) : (
        <p className="empty">Det finns ingen skattningsomgång att beskriva ännu.</p>
      )}
    </div>
  );
}

function CurrentStateEditor({ roundId, unitId }: { roundId: string; unitId: string | null }) {
  const trpc = useTRPC();
  const input = unitId ? { roundId, schoolUnitId: unitId } : { roundId };
  const doc = useQuery(trpc.outcomeMeasures.currentState.queryOptions(input));
  const queryClient = useQueryClient();
  const [parts, setParts] = useState<PartState[] | null>(null);
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const save = useMutation(
    trpc.outcomeMeasures.saveCurrentState.mutationOptions({
      onSuccess: (r) => {
        setRevision(r.revision);
        void queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.currentState.queryKey(input) });
      },
      onError: (e) => {
        if (e.data?.code === 'CONFLICT') setConflict(e.message);
      },
    }),
  );
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (doc.data && parts === null) {
      setParts(doc.data.parts.map((p) => ({ kind: p.kind, text: p.text, selected: p.selected })));
      setRevision(doc.data.revision);
    }
  }, [doc.data, parts]);

  useEffect(() => {
    if (!dirty || parts === null || conflict || save.isPending) return;
    pending.current = setTimeout(() => {
      setDirty(false);
      save.mutate({ ...input, parts, expectedRevision: revision });
    }, AUTOSAVE_MS);
    return () => {
      if (pending.current) clearTimeout(pending.current);
    };
  });

  if (doc.isPending || parts === null) return <LoadingBlock label="Hämtar nulägesbeskrivningen …" />;
  if (doc.isError) return <QueryError error={doc.error} />;
  const d = doc.data;
  const change = (next: PartState[]) => {
    setParts(next);
    setDirty(true);
  };
  const figuresOf = (kind: PartKind, selected: string[]) => {
    const stored = d.parts.find((p) => p.kind === kind);
    if (stored && kind !== 'findings') return stored.figures;
    if (kind === 'findings') {
      const all = d.findingChoices;
      return all.filter((f) => selected.length === 0 || selected.includes(f.key)).map((f) => ({ label: f.label, value: '', note: null }));
    }
    return stored?.figures ?? null;
  };
  const status = conflict
    ? null
    : save.isPending || dirty
      ? 'Sparar …'
      : save.isError
        ? `Kunde inte spara: ${save.error.message}`
        : revision > 0
          ? 'Alla ändringar är sparade.'
          : 'Inget sparat ännu.';

  return (
    <>
      <h2>{d.title}</h2>
      {!d.canEdit && <p className="muted">Du kan läsa nulägesbeskrivningen. Rektor och huvudmannen skriver den.</p>}
      {d.canEdit && (
        <p className="save-status" role="status" aria-live="polite">
          {status}
        </p>
      )}
      {conflict && (
        <div className="notice notice--error" role="alert">
          <p>{conflict}</p>
          <p>Din text finns kvar i fälten nedan tills du laddar om sidan.</p>
        </div>
      )}
      {parts.length === 0 && (
        <p className="empty">Nulägesbeskrivningen har inga delar ännu.{d.canEdit ? ' Välj vilka delar den ska ha nedan.' : ''}</p>
      )}
      {parts.map((part, index) => {
        const heading = d.available.find((a) => a.kind === part.kind)?.heading ?? part.kind;
        const figures = figuresOf(part.kind, part.selected);
        return (
          <section key={part.kind} className="section card current-state-part" aria-labelledby={`part-${part.kind}`}>
            <h3 id={`part-${part.kind}`}>{heading}</h3>
            {part.kind === 'findings' && d.canEdit && d.findingChoices.length > 0 && (
              <fieldset className="checkbox-grid">
                <legend>Vilka styrkor och svagheter ska med? (Inga valda: alla.)</legend>
                {d.findingChoices.map((f) => (
                  <label key={f.key} className="checkbox">
                    <input
                      type="checkbox"
                      checked={part.selected.includes(f.key)}
                      onChange={(e) =>
                        change(
                          parts.map((p, i) =>
                            i === index
                              ? { ...p, selected: e.target.checked ? [...p.selected, f.key] : p.selected.filter((k) => k !== f.key) }
                              : p,
                          ),
                        )
                      }
                    />{' '}
                    {f.label}
                  </label>
                ))}
              </fieldset>
            )}
            {figures === null ? (
              <p className="muted">Uppgifterna visas när delen har sparats.</p>
            ) : figures.length === 0 ? (
              <p className="empty">Inget att visa för den här delen.</p>
            ) : (
              <ul className="plain-list">
                {figures.map((f) => (
                  <li key={`${f.label}|${f.value}`}>
                    <strong>{f.label}</strong>
                    {f.value && `: ${f.value}`}
                    {f.note && <span className="cell-meta"> – {f.note}</span>}
                  </li>
                ))}
              </ul>
            )}
            {d.canEdit ? (
              <label className="field field--wide">
                <span className="field-label">Er tolkning: {heading.toLowerCase()}</span>
                <textarea
                  rows={5}
                  value={part.text}
                  onChange={(e) => change(parts.map((p, i) => (i === index ? { ...p, text: e.target.value } : p)))}
                />
              </label>
            ) : (
              part.text && <p className="current-state-text">{part.text}</p>
            )}
            {d.canEdit && (
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => change(parts.filter((_, i) => i !== index))}
              >
                Ta bort delen
              </button>
            )}
          </section>
        );
      })}
      {d.canEdit && d.available.some((a) => !parts.some((p) => p.kind === a.kind)) && (
        <section className="section" aria-labelledby="add-part">
          <h3 id="add-part">Lägg till en del</h3>
          <div className="actions">
            {d.available
              .filter((a) => !parts.some((p) => p.kind === a.kind))
              .map((a) => (
                <button
                  key={a.kind}
                  type="button"
                  className="button button--quiet"
                  onClick={() => change([...parts, { kind: a.kind, text: '', selected: [] }])}
                >
                  {a.heading} ({a.count})
                </button>
              ))}
          </div>
        </section>
      )}
      {unitId && <EvidenceNotes roundId={roundId} unitId={unitId} canEdit={d.canEdit} />}
      {unitId && (
        <p>
          <Link to={`/resultat?enhet=${unitId}&skolform=${d.round.schoolForm}&omgang=${roundId}`}>Tillbaka till enhetens resultat</Link>
        </p>
      )}
    </>
  );
}

const NOTE_KINDS = [
  { value: 'observation', label: 'Observation' },
  { value: 'intervju', label: 'Intervju' },
  { value: 'klagomal', label: 'Klagomål – sammanfattning' },
  { value: 'ovrigt', label: 'Övrigt' },
] as const;

function EvidenceNotes({ roundId, unitId, canEdit }: { roundId: string; unitId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notes = useQuery(trpc.outcomeMeasures.notes.queryOptions({ roundId, schoolUnitId: unitId }));
  const results = useQuery(trpc.results.unit.queryOptions({ roundId, schoolUnitId: unitId }));
  const titleId = useId();
  const bodyId = useId();
  const kindId = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<(typeof NOTE_KINDS)[number]['value']>('observation');
  const [areas, setAreas] = useState<string[]>([]);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.notes.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.unitPanel.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.currentState.queryKey() }),
    ]);
  const save = useMutation(
    trpc.outcomeMeasures.saveNote.mutationOptions({
      onSuccess: async () => {
        setTitle('');
        setBody('');
        setAreas([]);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.outcomeMeasures.deleteNote.mutationOptions({ onSuccess: refresh }));
  const areaList = results.data?.unit.areas ?? [];
  const areaTitle = new Map(areaList.map((a) => [a.key, a.title]));
  return (
    <section className="section" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Kvalitativa underlag</h2>
      <p className="muted">
        Observationer, intervjuer och sammanfattningar av klagomål, kopplade till områden. De visas bredvid områdets resultat för alla som
        får se enhetens resultat. Skriv aldrig sådant som pekar ut enskilda elever eller medarbetare.
      </p>
      {notes.isPending && <LoadingBlock label="Hämtar underlagen …" />}
      {notes.isError && <QueryError error={notes.error} />}
      {notes.data && notes.data.length === 0 && <p className="empty">Inga kvalitativa underlag för omgången ännu.</p>}
      {notes.data && notes.data.length > 0 && (
        <ul className="plain-list">
          {notes.data.map((n) => (
            <li key={n.id}>
              <strong>
                {NOTE_KINDS.find((k) => k.value === n.kind)?.label}: {n.title}
              </strong>{' '}
              <span className="cell-meta">({n.areaKeys.map((k) => areaTitle.get(k) ?? k).join(', ')})</span>
              <p>{n.body}</p>
              {canEdit && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: n.id })}
                >
                  Ta bort {n.title}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="card form-grid"
          aria-label="Nytt underlag"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ roundId, schoolUnitId: unitId, kind, title, body, areaKeys: areas });
          }}
        >
          <h3>Nytt underlag</h3>
          <div className="field">
            <label className="field-label" htmlFor={kindId}>
              Typ
            </label>
            <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {NOTE_KINDS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--wide">
            <label className="field-label" htmlFor={titleId}>
              Rubrik
            </label>
            <input id={titleId} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field field--wide">
            <label className="field-label" htmlFor={bodyId}>
              Text
            </label>
            <textarea id={bodyId} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <fieldset className="checkbox-grid field--wide">
            <legend>Gäller områdena</legend>
            {areaList.map((a) => (
              <label key={a.key} className="checkbox">
                <input
                  type="checkbox"
                  checked={areas.includes(a.key)}
                  onChange={(e) => setAreas(e.target.checked ? [...areas, a.key] : areas.filter((k) => k !== a.key))}
                />{' '}
                {a.title}
              </label>
            ))}
          </fieldset>
          {save.isError && (
            <p className="notice notice--error" role="alert">
              {save.error.message}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={save.isPending}>
              Spara underlaget
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
