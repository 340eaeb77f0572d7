import { barSpan, type CycleKind, type CyclePeriod, cycleLabel, SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { ROUND_STATE_LABELS, schoolFormLabel } from '../../i18n/sv.ts';
import { formatDate } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';

const monthFormat = new Intl.DateTimeFormat('sv-SE', { month: 'short', timeZone: 'UTC' });

interface CycleRound {
  id: string;
  name: string;
  schoolForm: string;
  opensOn: string;
  closesOn: string;
  closedEarlyOn: string | null;
  lastDay: string;
  state: 'upcoming' | 'open' | 'closed';
  questionnaireVersion: number;
  ownQuestionnaire: boolean;
  units: { id: string; name: string }[];
}

function periodName(kind: CycleKind, startYear: number): string {
  return `${kind === 'school-year' ? 'Läsåret' : 'Kalenderåret'} ${cycleLabel({ kind, startYear })}`;
}

/** Rounds in lanes so that overlapping rounds of one school form do not cover each other. */
function lanes(rounds: CycleRound[]): CycleRound[][] {
  const result: CycleRound[][] = [];
  for (const round of [...rounds].sort((a, b) => a.opensOn.localeCompare(b.opensOn))) {
    const lane = result.find((l) => (l.at(-1)?.lastDay ?? '') < round.opensOn);
    if (lane) lane.push(round);
    else result.push([round]);
  }
  return result;
}

function fromPreviousLink(roundId: string): string {
  return `/omgangar?fran=${roundId}`;
}

/** Årshjul: when the organizer's rounds run over the year, per school form. */
export function AnnualCyclePage() {
  const trpc = useTRPC();
  const [kind, setKind] = useState<CycleKind>('school-year');
  // Without a year the server shows the one that contains today.
  const [startYear, setStartYear] = useState<number | undefined>(undefined);
  const cycle = useQuery(trpc.rounds.cycle.queryOptions({ kind, startYear }, { placeholderData: (previous) => previous }));
  const shown = cycle.data?.period.startYear;
  return (
    <div>
      <h1>Årshjul</h1>
      <p className="lead">När skattar vi? Skattningsomgångarna per skolform över året. Välj en omgång för att skapa nästa utifrån den.</p>
      <fieldset className="cycle-controls">
        <legend className="visually-hidden">Välj period</legend>
        <label className="field">
          <span className="field-label">Visa</span>
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as CycleKind);
              setStartYear(undefined);
            }}
          >
            <option value="school-year">Läsår (augusti–juli)</option>
            <option value="calendar-year">Kalenderår (januari–december)</option>
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet"
          disabled={shown === undefined}
          onClick={() => shown !== undefined && setStartYear(shown - 1)}
        >
          Föregående år
        </button>
        <p className="cycle-controls__current" aria-live="polite">
          {shown === undefined ? '…' : periodName(kind, shown)}
        </p>
        <button
          type="button"
          className="button button--quiet"
          disabled={shown === undefined}
          onClick={() => shown !== undefined && setStartYear(shown + 1)}
        >
          Nästa år
        </button>
      </fieldset>
      {cycle.isPending ? (
        <LoadingBlock label="Hämtar årshjulet …" />
      ) : cycle.isError ? (
        <QueryError error={cycle.error} />
      ) : (
        <CycleView period={cycle.data.period} today={cycle.data.today} rounds={cycle.data.rounds} />
      )}
    </div>
  );
}

function CycleView({ period, today, rounds }: { period: CyclePeriod; today: string; rounds: CycleRound[] }) {
  const [selected, setSelected] = useState<string | null>(null);
  const name = periodName(period.kind, period.startYear);
  const forms = SCHOOL_FORMS.filter((f) => rounds.some((r) => r.schoolForm === f));
  const todaySpan = barSpan(period, today, today);
  const chosen = rounds.find((r) => r.id === selected) ?? null;
  if (rounds.length === 0) {
    return (
      <p className="empty">
        Inga skattningsomgångar {name.toLowerCase()}. <Link to="/omgangar">Öppna en ny omgång</Link>.
      </p>
    );
  }
  return (
    <>
      <section className="section" aria-labelledby="cycle-chart">
        <h2 id="cycle-chart">Omgångar {name.toLowerCase()}</h2>
        <ul className="cycle-legend" aria-label="Teckenförklaring">
          <li>
            <span className="cycle-bar cycle-bar--open cycle-legend__swatch" aria-hidden="true" /> Öppen
          </li>
          <li>
            <span className="cycle-bar cycle-bar--upcoming cycle-legend__swatch" aria-hidden="true" /> Kommande (streckad)
          </li>
          <li>
            <span className="cycle-bar cycle-bar--closed cycle-legend__swatch" aria-hidden="true" /> Stängd (ljus)
          </li>
        </ul>
        <div className="cycle-chart">
          <div className="cycle-chart__months" aria-hidden="true">
            <span className="cycle-chart__label" />
            <div className="cycle-chart__track">
              {period.months.map((m) => (
                <span key={m} className="cycle-chart__month">
                  {monthFormat.format(new Date(`${m}T00:00:00Z`)).replace('.', '')}
                </span>
              ))}
            </div>
          </div>
          {forms.map((form) => (
            <div key={form} className="cycle-chart__row">
              <span className="cycle-chart__label">{schoolFormLabel(form)}</span>
              <div className="cycle-chart__track">
                {todaySpan && (
                  <span className="cycle-chart__today" style={{ left: `${(todaySpan.start / 12) * 100}%` }} aria-hidden="true" />
                )}
                {lanes(rounds.filter((r) => r.schoolForm === form)).map((lane, i) => (
                  <div key={lane[0]?.id ?? i} className="cycle-chart__lane">
                    {lane.map((r) => {
                      const span = barSpan(period, r.opensOn, r.lastDay);
                      if (!span) return null;
                      return (
                        <button
                          key={r.id}
                          type="button"
                          className={`cycle-bar cycle-bar--${r.state}${selected === r.id ? ' cycle-bar--selected' : ''}`}
                          style={{ left: `${(span.start / 12) * 100}%`, width: `${((span.end - span.start) / 12) * 100}%` }}
                          aria-pressed={selected === r.id}
                          aria-label={`${r.name}, ${formatDate(r.opensOn)} – ${formatDate(r.lastDay)}, ${ROUND_STATE_LABELS[r.state].toLowerCase()}`}
                          onClick={() => setSelected(selected === r.id ? null : r.id)}
                        >
                          <span className="cycle-bar__text">{r.name}</span>
                        </button>
                      );
                    })}
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
        {chosen && <RoundDetails round={chosen} />}
      </section>
      <section className="section" aria-labelledby="cycle-table">
        <h2 id="cycle-table">Samma omgångar i tabellform</h2>
        <TableWrap label={`Omgångar ${name.toLowerCase()}`}>
          <table className="data-table">
            <caption>Omgångar {name.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Skolform</th>
                <th scope="col">Omgång</th>
                <th scope="col">Öppnar</th>
                <th scope="col">Stänger</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Enheter
                </th>
                <th scope="col">Formulär</th>
                <th scope="col">Nästa omgång</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>{schoolFormLabel(r.schoolForm)}</td>
                  <th scope="row">{r.name}</th>
                  <td>{formatDate(r.opensOn)}</td>
                  <td>
                    {formatDate(r.lastDay)}
                    {r.closedEarlyOn ? ' (i förtid)' : ''}
                  </td>
                  <td>{ROUND_STATE_LABELS[r.state]}</td>
                  <td className="num">{r.units.length}</td>
                  <td>{questionnaireLabel(r)}</td>
                  <td>
                    <Link to={fromPreviousLink(r.id)} aria-label={`Skapa utifrån denna: ${r.name}`}>
                      Skapa utifrån denna
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}

function questionnaireLabel(r: CycleRound): string {
  return `${r.ownQuestionnaire ? 'Eget' : 'Standard'}, version ${r.questionnaireVersion}`;
}

function RoundDetails({ round }: { round: CycleRound }) {
  return (
    <section className="card cycle-details" aria-label={`Vald omgång: ${round.name}`} aria-live="polite">
      <h3 className="card__title">{round.name}</h3>
      <p className="card__meta">
        {schoolFormLabel(round.schoolForm)} · {formatDate(round.opensOn)} – {formatDate(round.lastDay)}
        {round.closedEarlyOn ? ' (stängd i förtid)' : ''} · {ROUND_STATE_LABELS[round.state]} · {questionnaireLabel(round)}
      </p>
      <p>
        {round.units.length === 1 ? 'Enhet' : `${round.units.length} enheter`}: {round.units.map((u) => u.name).join(', ')}
      </p>
      <Link className="button" to={fromPreviousLink(round.id)}>
        Skapa en ny omgång utifrån den här
      </Link>
    </section>
  );
}
