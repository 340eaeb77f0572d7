import { TableWrap } from '../../components/table-wrap.tsx';
import { ROUND_STATE_LABELS, schoolFormLabel } from '../../i18n/sv.ts';
import { formatDate, formatPercent } from '../../lib/format.ts';

export interface ParticipationRow {
  roundId: string;
  name: string;
  schoolForm: string;
  opensOn: string;
  closesOn: string;
  state: 'upcoming' | 'open' | 'closed';
  schoolUnitId: string;
  unitName: string;
  eligible: number;
  submitted: number;
}

/** Participation as counts and rates per unit (never names). */
export function ParticipationTable({ rows, caption }: { rows: ParticipationRow[]; caption: string }) {
  if (rows.length === 0) return <p className="empty">Inga skattningsomgångar ännu.</p>;
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Omgång</th>
            <th scope="col">Enhet</th>
            <th scope="col">Skolform</th>
            <th scope="col">Period</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Svar
            </th>
            <th scope="col" className="num">
              Svarsandel
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.roundId}:${r.schoolUnitId}`}>
              <th scope="row">{r.name}</th>
              <td>{r.unitName}</td>
              <td>{schoolFormLabel(r.schoolForm)}</td>
              <td>
                {formatDate(r.opensOn)} – {formatDate(r.closesOn)}
              </td>
              <td>{ROUND_STATE_LABELS[r.state]}</td>
              <td className="num">
                {r.submitted} av {r.eligible}
              </td>
              <td className="num">{r.eligible > 0 ? formatPercent(r.submitted / r.eligible) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
