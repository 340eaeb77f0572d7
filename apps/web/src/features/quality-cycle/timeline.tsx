import { ACTIVITY_STATUS_LABELS, schoolYearLabel, schoolYearMonths, schoolYearsOf, timelineSpan } from '@kvalitetshjulet/domain';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDate } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';

type Workspace = Outputs['qualityCycle']['workspace'];

/**
 * The year's activities as bars on the school year (August–June), one row per activity grouped by
 * priority, like an årshjul laid flat; the same activities as a table for screen readers and
 * small screens.
 */
export function Timeline({ workspace: w }: { workspace: Workspace }) {
  const all = w.priorities.flatMap((p) => p.activities.map((a) => ({ ...a, priorityTitle: p.title })));
  const years = schoolYearsOf(all, w.round.closesOn);
  return (
    <div className="timeline-block">
      <h3>Tidslinje över läsåret</h3>
      {years.map((year) => {
        const months = schoolYearMonths(year);
        return (
          <div key={year} className="timeline" aria-hidden="true">
            <p className="timeline__year">Läsåret {schoolYearLabel(year)}</p>
            <div
              className="timeline__grid"
              style={{ gridTemplateColumns: `minmax(8rem, 14rem) repeat(${months.length}, minmax(1.6rem, 1fr))` }}
            >
              <span className="timeline__corner" />
              {months.map((m) => (
                <span key={m.key} className="timeline__month">
                  {m.label}
                </span>
              ))}
              {w.priorities.map((p, pi) =>
                p.activities.map((a) => {
                  const span = timelineSpan(a.startsOn, a.endsOn, year);
                  if (!span) return null;
                  return (
                    <div key={`${year}-${a.id}`} className="timeline__row">
                      <span className="timeline__label">{a.title}</span>
                      <span
                        className={`timeline__bar timeline__bar--p${pi % 4} timeline__bar--${a.status}`}
                        style={{ gridColumn: `${span.from + 2} / ${span.to + 3}` }}
                        title={`${p.title}: ${a.title}, ${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`}
                      >
                        {span.continuesBefore ? '‹ ' : ''}
                        {p.title}
                        {span.continuesAfter ? ' ›' : ''}
                      </span>
                    </div>
                  );
                }),
              )}
            </div>
          </div>
        );
      })}
      <TableWrap label="Aktiviteterna i tidsordning">
        <table className="data-table">
          <caption className="visually-hidden">Aktiviteterna i tidsordning</caption>
          <thead>
            <tr>
              <th scope="col">Tid</th>
              <th scope="col">Aktivitet</th>
              <th scope="col">Utvecklingsområde</th>
              <th scope="col">Ansvarig</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {[...all]
              .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
              .map((a) => (
                <tr key={a.id}>
                  <td>
                    {formatDate(a.startsOn)} – {formatDate(a.endsOn)}
                  </td>
                  <th scope="row">{a.title}</th>
                  <td>{a.priorityTitle}</td>
                  <td>{a.responsible || '–'}</td>
                  <td>{ACTIVITY_STATUS_LABELS[a.status]}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
