import { schoolFormLabel } from '../../i18n/sv.ts';

export interface UnitRow {
  id: string;
  name: string;
  unitCode: string | null;
  schoolForms: string[];
  teamCount: number;
  staffCount: number;
}

export function UnitList({ units }: { units: UnitRow[] }) {
  if (units.length === 0) return <p className="empty">Inga enheter.</p>;
  return (
    <ul className="card-list card-list--grid" aria-label="Enheter">
      {units.map((u) => (
        <li key={u.id} className="card">
          <h3 className="card__title">{u.name}</h3>
          <p className="card__meta">{u.schoolForms.map(schoolFormLabel).join(', ')}</p>
          <p className="card__meta">
            {u.teamCount} arbetslag · {u.staffCount} medarbetare
            {u.unitCode && <> · enhetskod {u.unitCode}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}
