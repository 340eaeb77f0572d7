import { SCHOOL_FORMS, type SchoolForm } from '@kvalitetshjulet/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { schoolFormLabel } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminNav, useIsAdmin } from './admin-nav.tsx';

interface Unit {
  id: string;
  name: string;
  unitCode: string | null;
  schoolForms: string[];
  active: boolean;
  teams: { id: string; name: string; schoolForm: string; active: boolean; memberCount: number }[];
}

function useInvalidateUnits() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.administration.units.queryKey() });
}

/** Enheter och arbetslag: the organizer's units with school forms and code, and their teams. */
export function UnitsPage() {
  const trpc = useTRPC();
  const isAdmin = useIsAdmin();
  const units = useQuery(trpc.administration.units.queryOptions());
  const active = units.data?.filter((u) => u.active) ?? [];
  const inactive = units.data?.filter((u) => !u.active) ?? [];
  return (
    <div>
      <h1>Enheter och arbetslag</h1>
      <p className="lead">Huvudmannens enheter med skolformer och enhetskod, och arbetslagen på varje enhet.</p>
      <AdminNav />
      {isAdmin && <UnitForm mode="create" />}
      {units.isPending && <LoadingBlock label="Hämtar enheterna …" />}
      {units.isError && <QueryError error={units.error} />}
      {units.data && (
        <>
          <section className="section" aria-labelledby="units-active">
            <h2 id="units-active">Enheter ({active.length})</h2>
            {active.map((u) => (
              <UnitCard key={u.id} unit={u} isAdmin={isAdmin} />
            ))}
          </section>
          {inactive.length > 0 && (
            <section className="section" aria-labelledby="units-inactive">
              <h2 id="units-inactive">Inaktiverade enheter ({inactive.length})</h2>
              {inactive.map((u) => (
                <UnitCard key={u.id} unit={u} isAdmin={isAdmin} />
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}

function UnitForm(props: { mode: 'create' } | { mode: 'edit'; unit: Unit; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const unit = props.mode === 'edit' ? props.unit : null;
  const [name, setName] = useState(unit?.name ?? '');
  const [unitCode, setUnitCode] = useState(unit?.unitCode ?? '');
  const [forms, setForms] = useState<SchoolForm[]>((unit?.schoolForms ?? []) as SchoolForm[]);
  const onSuccess = async () => {
    await invalidate();
    if (props.mode === 'edit') props.onDone();
    else {
      setName('');
      setUnitCode('');
      setForms([]);
    }
  };
  const create = useMutation(trpc.administration.createUnit.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.administration.updateUnit.mutationOptions({ onSuccess }));
  const mutation = props.mode === 'edit' ? update : create;
  const headingId = unit ? `edit-unit-${unit.id}` : 'new-unit';
  const body = (
    <form
      className="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        const input = { name, unitCode, schoolForms: forms };
        if (unit) update.mutate({ ...input, unitId: unit.id });
        else create.mutate(input);
      }}
    >
      <label className="field">
        <span className="field-label">Enhetens namn</span>
        <input type="text" value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Enhetskod (åtta siffror, valfri)</span>
        <input type="text" inputMode="numeric" value={unitCode} maxLength={12} onChange={(e) => setUnitCode(e.target.value)} />
      </label>
      <fieldset className="field field--wide">
        <legend className="field-label">Skolformer</legend>
        <div className="checkbox-grid">
          {SCHOOL_FORMS.map((f) => (
            <label key={f} className="checkbox">
              <input
                type="checkbox"
                checked={forms.includes(f)}
                onChange={(e) => setForms(e.target.checked ? [...forms, f] : forms.filter((x) => x !== f))}
              />
              {schoolFormLabel(f)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field field--wide">
        <div className="actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {unit ? 'Spara enheten' : 'Lägg till enheten'}
          </button>
          {props.mode === 'edit' && (
            <button type="button" className="button button--quiet" onClick={props.onDone}>
              Avbryt
            </button>
          )}
        </div>
        {create.isSuccess && props.mode === 'create' && (
          <p role="status" className="card__meta">
            Enheten är tillagd.
          </p>
        )}
        {mutation.isError && (
          <p className="notice notice--error" role="alert">
            {mutation.error.message}
          </p>
        )}
      </div>
    </form>
  );
  if (unit) {
    return (
      <section aria-labelledby={headingId}>
        <h4 id={headingId}>Ändra {unit.name}</h4>
        {body}
      </section>
    );
  }
  return (
    <section className="section card" aria-labelledby={headingId}>
      <h2 id={headingId}>Lägg till en enhet</h2>
      {body}
    </section>
  );
}

function UnitCard({ unit, isAdmin }: { unit: Unit; isAdmin: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [editing, setEditing] = useState(false);
  const setActive = useMutation(trpc.administration.setUnitActive.mutationOptions({ onSuccess: invalidate }));
  const setTeamActive = useMutation(trpc.administration.setTeamActive.mutationOptions({ onSuccess: invalidate }));
  const headingId = `unit-${unit.id}`;
  return (
    <article className="card unit-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card__title">
        {unit.name}
        {!unit.active && ' (inaktiverad)'}
      </h3>
      <p className="card__meta">
        Enhetskod {unit.unitCode ?? 'saknas'} · {unit.schoolForms.map(schoolFormLabel).join(', ') || 'Ingen skolform'}
      </p>
      {unit.teams.length === 0 ? (
        <p className="empty">Inga arbetslag ännu.</p>
      ) : (
        <TableWrap label={`Arbetslag på ${unit.name}`}>
          <table className="data-table">
            <caption>Arbetslag</caption>
            <thead>
              <tr>
                <th scope="col">Arbetslag</th>
                <th scope="col">Skolform</th>
                <th scope="col" className="num">
                  Personer
                </th>
                <th scope="col">Status</th>
                {isAdmin && <th scope="col">Åtgärd</th>}
              </tr>
            </thead>
            <tbody>
              {unit.teams.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{schoolFormLabel(t.schoolForm)}</td>
                  <td className="num">{t.memberCount}</td>
                  <td>{t.active ? 'Aktivt' : 'Inaktiverat'}</td>
                  {isAdmin && (
                    <td>
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={setTeamActive.isPending}
                        onClick={() => setTeamActive.mutate({ teamId: t.id, active: !t.active })}
                      >
                        {t.active ? 'Inaktivera' : 'Aktivera'} <span className="visually-hidden">{t.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {setTeamActive.isError && (
        <p className="notice notice--error" role="alert">
          {setTeamActive.error.message}
        </p>
      )}
      {isAdmin && (
        <>
          <div className="actions">
            <button type="button" className="button button--quiet" aria-expanded={editing} onClick={() => setEditing(!editing)}>
              Ändra enheten
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={setActive.isPending}
              onClick={() => setActive.mutate({ unitId: unit.id, active: !unit.active })}
            >
              {unit.active ? 'Inaktivera enheten' : 'Aktivera enheten'}
            </button>
          </div>
          {setActive.isError && (
            <p className="notice notice--error" role="alert">
              {setActive.error.message}
            </p>
          )}
          {editing && <UnitForm mode="edit" unit={unit} onDone={() => setEditing(false)} />}
          {unit.active && unit.schoolForms.length > 0 && <TeamForm unit={unit} />}
        </>
      )}
    </article>
  );
}

function TeamForm({ unit }: { unit: Unit }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUnits();
  const [name, setName] = useState('');
  const [schoolForm, setSchoolForm] = useState(unit.schoolForms[0] ?? '');
  const create = useMutation(
    trpc.administration.createTeam.mutationOptions({
      onSuccess: async () => {
        setName('');
        await invalidate();
      },
    }),
  );
  return (
    <form
      className="inline-form"
      aria-label={`Lägg till arbetslag på ${unit.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ unitId: unit.id, name, schoolForm: schoolForm as SchoolForm });
      }}
    >
      <label className="field">
        <span className="field-label">Nytt arbetslag</span>
        <input type="text" value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Arbetslagets skolform</span>
        <select value={schoolForm} onChange={(e) => setSchoolForm(e.target.value)}>
          {unit.schoolForms.map((f) => (
            <option key={f} value={f}>
              {schoolFormLabel(f)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={create.isPending}>
        Lägg till arbetslaget
      </button>
      {create.isError && (
        <p className="notice notice--error" role="alert">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
