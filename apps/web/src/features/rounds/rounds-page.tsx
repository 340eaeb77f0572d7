import { ROUND_SHIFTS, type RoundShiftName, SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { ROUND_STATE_LABELS, schoolFormLabel } from '../../i18n/sv.ts';
import { formatDate, formatPercent } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

interface ParticipationRow {
  roundId: string;
  name: string;
  schoolForm: string;
  opensOn: string;
  closesOn: string;
  closedEarlyOn: string | null;
  state: 'upcoming' | 'open' | 'closed';
  schoolUnitId: string;
  unitName: string;
  eligible: number;
  submitted: number;
}

function groupByRound(rows: ParticipationRow[]) {
  const rounds = new Map<string, { first: ParticipationRow; units: ParticipationRow[] }>();
  for (const row of rows) {
    const entry = rounds.get(row.roundId) ?? { first: row, units: [] };
    entry.units.push(row);
    rounds.set(row.roundId, entry);
  }
  return [...rounds.values()];
}

/** Skattningsomgångar: open a round, follow participation, close early. */
export function RoundsPage() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.rounds.overview.queryOptions());
  const [params, setParams] = useSearchParams();
  const fromRoundId = params.get('fran');
  const shift: RoundShiftName = (ROUND_SHIFTS as readonly string[]).includes(params.get('flytt') ?? '')
    ? (params.get('flytt') as RoundShiftName)
    : 'one-year';
  const prefill = useQuery(trpc.rounds.prefill.queryOptions({ fromRoundId: fromRoundId ?? '', shift }, { enabled: fromRoundId !== null }));
  if (overview.isPending || (fromRoundId !== null && prefill.isPending)) return <LoadingBlock label="Hämtar skattningsomgångarna …" />;
  if (overview.isError) return <QueryError error={overview.error} />;
  const rounds = groupByRound(overview.data.participation);
  const current = rounds.filter((r) => r.first.state !== 'closed');
  const closed = rounds.filter((r) => r.first.state === 'closed');
  return (
    <div>
      <h1>Skattningsomgångar</h1>
      <p className="lead">
        Öppna en omgång för dina enheter, följ hur många som har svarat och stäng den när det är dags. Deltagandet visas bara som antal.
      </p>
      {prefill.isError && <QueryError error={prefill.error} />}
      {prefill.data ? (
        <NewRoundForm
          key={`${prefill.data.fromRound.id}:${shift}`}
          units={overview.data.units}
          today={overview.data.today}
          prefill={{ ...prefill.data, shift }}
          onShiftChange={(next) => setParams({ fran: prefill.data.fromRound.id, flytt: next })}
          onClearPrefill={() => setParams({})}
        />
      ) : (
        <NewRoundForm units={overview.data.units} today={overview.data.today} />
      )}
      <section className="section" aria-labelledby="rounds-current">
        <h2 id="rounds-current">Pågående och kommande</h2>
        {current.length === 0 ? (
          <p className="empty">Inga pågående omgångar.</p>
        ) : (
          current.map((r) => <RoundCard key={r.first.roundId} {...r} />)
        )}
      </section>
      <section className="section" aria-labelledby="rounds-closed">
        <h2 id="rounds-closed">Avslutade</h2>
        {closed.length === 0 ? (
          <p className="empty">Inga avslutade omgångar.</p>
        ) : (
          closed.map((r) => <RoundCard key={r.first.roundId} {...r} />)
        )}
      </section>
    </div>
  );
}

function RoundCard({ first, units }: { first: ParticipationRow; units: ParticipationRow[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showTeams, setShowTeams] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const close = useMutation(
    trpc.rounds.close.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.rounds.overview.queryKey() }),
    }),
  );
  const submitted = units.reduce((n, u) => n + u.submitted, 0);
  const eligible = units.reduce((n, u) => n + u.eligible, 0);
  const headingId = `round-${first.roundId}`;
  return (
    <article className="card round-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {first.name}
      </h3>
      <p className="card__meta">
        {schoolFormLabel(first.schoolForm)} · {formatDate(first.opensOn)} – {formatDate(first.closedEarlyOn ?? first.closesOn)} ·{' '}
        {ROUND_STATE_LABELS[first.state]}
        {first.closedEarlyOn ? ' (stängd i förtid)' : ''} · {submitted} av {eligible} har svarat
        {eligible > 0 ? ` (${formatPercent(submitted / eligible)})` : ''}
      </p>
      {first.state === 'open' && eligible > submitted && (
        <p className="round-card__pending">
          {Math.max(0, eligible - submitted)} av {eligible} har inte svarat. Deltagandet visas bara som antal, aldrig med namn.
        </p>
      )}
      <TableWrap label={`Deltagande per enhet i ${first.name}`}>
        <table className="data-table">
          <caption>Deltagande per enhet</caption>
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              <th scope="col" className="num">
                Svar
              </th>
              <th scope="col" className="num">
                Svarsandel
              </th>
              <th scope="col" className="num">
                Har inte svarat
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.schoolUnitId}>
                <th scope="row">{u.unitName}</th>
                <td className="num">
                  {u.submitted} av {u.eligible}
                </td>
                <td className="num">{u.eligible > 0 ? formatPercent(u.submitted / u.eligible) : '–'}</td>
                <td className="num">
                  {Math.max(0, u.eligible - u.submitted)} av {u.eligible}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="actions">
        <button type="button" className="button button--quiet" aria-expanded={showTeams} onClick={() => setShowTeams(!showTeams)}>
          {showTeams ? 'Dölj arbetslagen' : 'Visa arbetslagen'}
        </button>
        {first.state === 'open' && !confirmClose && (
          <button type="button" className="button button--quiet" onClick={() => setConfirmClose(true)}>
            Stäng omgången nu
          </button>
        )}
      </div>
      {confirmClose && (
        <section className="notice" aria-label="Bekräfta att omgången stängs">
          <p>När omgången stängs kan ingen längre skicka in svar. Sparade utkast skickas inte in. Vill du stänga {first.name} nu?</p>
          <div className="actions">
            <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate({ roundId: first.roundId })}>
              Stäng omgången
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirmClose(false)}>
              Avbryt
            </button>
          </div>
          {close.isError && (
            <p className="notice notice--error" role="alert">
              {close.error.message}
            </p>
          )}
        </section>
      )}
      {showTeams && <TeamParticipation roundId={first.roundId} roundName={first.name} />}
    </article>
  );
}

function TeamParticipation({ roundId, roundName }: { roundId: string; roundName: string }) {
  const trpc = useTRPC();
  const teams = useQuery(trpc.rounds.teams.queryOptions({ roundId }));
  if (teams.isPending) return <LoadingBlock label="Hämtar arbetslagen …" />;
  if (teams.isError) return <QueryError error={teams.error} />;
  return (
    <TableWrap label={`Deltagande per arbetslag i ${roundName}`}>
      <table className="data-table">
        <caption>Deltagande per arbetslag</caption>
        <thead>
          <tr>
            <th scope="col">Arbetslag</th>
            <th scope="col">Enhet</th>
            <th scope="col" className="num">
              Svar
            </th>
            <th scope="col">Gemensam skattning</th>
          </tr>
        </thead>
        <tbody>
          {teams.data.map((t) => (
            <tr key={t.teamId}>
              <th scope="row">{t.teamName}</th>
              <td>{t.unitName}</td>
              <td className="num">
                {t.submitted} av {t.eligible}
              </td>
              <td>
                <Link to={`/gemensam-skattning/${roundId}/${t.teamId}`}>
                  Öppna för {t.teamName} på {t.unitName}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function termName(today: string): string {
  const month = Number(today.slice(5, 7));
  return `${month >= 7 ? 'Hösten' : 'Våren'} ${today.slice(0, 4)}`;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Prefill {
  fromRound: { id: string; name: string; opensOn: string; closesOn: string };
  schoolForm: string;
  unitIds: string[];
  leftOut: number;
  name: string;
  opensOn: string;
  closesOn: string;
  shift: RoundShiftName;
}

const SHIFT_LABELS: Record<RoundShiftName, string> = {
  'one-year': 'Ett år senare, samma datum',
  'fifty-two-weeks': '52 veckor senare, samma veckodagar',
  'twenty-six-weeks': '26 veckor senare (nästa termin), samma veckodagar',
};

function NewRoundForm({
  units,
  today,
  prefill,
  onShiftChange,
  onClearPrefill,
}: {
  units: { id: string; name: string; schoolForms: string[] }[];
  today: string;
  prefill?: Prefill;
  onShiftChange?: (shift: RoundShiftName) => void;
  onClearPrefill?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const forms = SCHOOL_FORMS.filter((f) => units.some((u) => u.schoolForms.includes(f)));
  const [schoolForm, setSchoolForm] = useState<string>(prefill?.schoolForm ?? forms[0] ?? '');
  const [name, setName] = useState(prefill?.name ?? `${termName(today)} · ${schoolFormLabel(forms[0] ?? '')}`);
  const [chosen, setChosen] = useState<string[]>(prefill?.unitIds ?? []);
  const [opensOn, setOpensOn] = useState(prefill?.opensOn ?? today);
  const [closesOn, setClosesOn] = useState(prefill?.closesOn ?? addDays(today, 21));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (prefill) headingRef.current?.focus();
  }, [prefill]);
  const open = useMutation(
    trpc.rounds.open.mutationOptions({
      onSuccess: async () => {
        setChosen([]);
        await queryClient.invalidateQueries({ queryKey: trpc.rounds.overview.queryKey() });
      },
    }),
  );
  const eligible = units.filter((u) => u.schoolForms.includes(schoolForm));
  if (forms.length === 0) return null;

  return (
    <section className="section card" aria-labelledby="new-round">
      <h2 id="new-round" ref={headingRef} tabIndex={-1}>
        Öppna en ny omgång
      </h2>
      {prefill && (
        <div className="notice">
          <p>
            Ifyllt utifrån <strong>{prefill.fromRound.name}</strong> ({formatDate(prefill.fromRound.opensOn)} –{' '}
            {formatDate(prefill.fromRound.closesOn)}): samma skolform och enheter, datumen flyttade. Kontrollera och ändra det som behövs.
            {prefill.leftOut > 0 &&
              ` ${prefill.leftOut} ${prefill.leftOut === 1 ? 'enhet' : 'enheter'} från den omgången är inte med, eftersom de inte är dina eller inte längre har skolformen.`}
          </p>
          <div className="form-grid">
            <label className="field">
              <span className="field-label">Flytta datumen</span>
              <select value={prefill.shift} onChange={(e) => onShiftChange?.(e.target.value as RoundShiftName)}>
                {ROUND_SHIFTS.map((s) => (
                  <option key={s} value={s}>
                    {SHIFT_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <div className="field">
              <button type="button" className="button button--quiet" onClick={onClearPrefill}>
                Börja om med ett tomt formulär
              </button>
            </div>
          </div>
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          open.mutate({ name, schoolForm: schoolForm as (typeof SCHOOL_FORMS)[number], unitIds: chosen, opensOn, closesOn });
        }}
        className="form-grid"
      >
        <label className="field">
          <span className="field-label">Skolform</span>
          <select
            value={schoolForm}
            onChange={(e) => {
              setSchoolForm(e.target.value);
              setName(`${termName(today)} · ${schoolFormLabel(e.target.value)}`);
              setChosen([]);
            }}
          >
            {forms.map((f) => (
              <option key={f} value={f}>
                {schoolFormLabel(f)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Namn</span>
          <input type="text" value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Öppnar</span>
          <input type="date" value={opensOn} required onChange={(e) => setOpensOn(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Stänger</span>
          <input type="date" value={closesOn} required onChange={(e) => setClosesOn(e.target.value)} />
        </label>
        <fieldset className="field field--wide">
          <legend className="field-label">Enheter</legend>
          {eligible.map((u) => (
            <label key={u.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(u.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((id) => id !== u.id))}
              />
              {u.name}
            </label>
          ))}
        </fieldset>
        <div className="field field--wide">
          <button type="submit" className="button" disabled={open.isPending || chosen.length === 0}>
            Öppna omgången
          </button>
          {open.isSuccess && (
            <p role="status" className="card__meta">
              Omgången är öppnad.
            </p>
          )}
          {open.isError && (
            <p className="notice notice--error" role="alert">
              {open.error.message}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
