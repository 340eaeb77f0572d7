import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { ROLE_LABELS, type RoleName } from '../../i18n/sv.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminNav } from './admin-nav.tsx';

interface User {
  id: string;
  name: string;
  email: string;
  title: string;
  active: boolean;
  roles: { id: string; role: RoleName; unitId: string | null; unitName: string | null; teamId: string | null; teamName: string | null }[];
}

interface UnitOption {
  id: string;
  name: string;
  active: boolean;
  teams: { id: string; name: string; active: boolean }[];
}

function roleText(r: User['roles'][number]): string {
  const where = [r.unitName, r.teamName].filter(Boolean).join(', ');
  return where ? `${ROLE_LABELS[r.role]} (${where})` : ROLE_LABELS[r.role];
}

function useInvalidateUsers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.administration.users.queryKey() });
}

/** Användare: people, their roles per unit, and deactivation (which also logs them out). */
export function UsersPage() {
  const trpc = useTRPC();
  const users = useQuery(trpc.administration.users.queryOptions());
  const units = useQuery(trpc.administration.units.queryOptions());
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const needle = search.trim().toLocaleLowerCase('sv-SE');
  const shown = (users.data ?? []).filter(
    (u) => needle === '' || `${u.name} ${u.email} ${u.title}`.toLocaleLowerCase('sv-SE').includes(needle),
  );
  const selectedUser = users.data?.find((u) => u.id === selected);
  return (
    <div>
      <h1>Användare</h1>
      <p className="lead">Personer hos huvudmannen och deras roller. En inaktiverad person loggas ut direkt och kan inte logga in.</p>
      <AdminNav />
      <NewUserForm onCreated={setSelected} />
      {(users.isPending || units.isPending) && <LoadingBlock label="Hämtar användarna …" />}
      {users.isError && <QueryError error={users.error} />}
      {units.isError && <QueryError error={units.error} />}
      {selectedUser && units.data && (
        <UserPanel key={selectedUser.id} user={selectedUser} units={units.data} onClose={() => setSelected(null)} />
      )}
      {users.data && (
        <section className="section" aria-labelledby="users-list">
          <h2 id="users-list">Alla personer ({users.data.length})</h2>
          <label className="field search-field">
            <span className="field-label">Sök på namn, e-post eller titel</span>
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <p role="status" className="card__meta">
            Visar {shown.length} av {users.data.length}.
          </p>
          <TableWrap label="Personer">
            <table className="data-table">
              <caption>Personer och roller</caption>
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">E-post</th>
                  <th scope="col">Roller</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, 200).map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      {u.name}
                      {u.title && <span className="cell-meta">{u.title}</span>}
                      <button type="button" className="button button--quiet" onClick={() => setSelected(u.id)}>
                        Hantera <span className="visually-hidden">{u.name}</span>
                      </button>
                    </th>
                    <td>{u.email}</td>
                    <td>{u.roles.map(roleText).join('; ') || '–'}</td>
                    <td>{u.active ? 'Aktiv' : 'Inaktiverad'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {shown.length > 200 && <p className="card__meta">Visar de första 200. Sök för att hitta fler.</p>}
        </section>
      )}
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: (id: string) => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const [form, setForm] = useState({ name: '', email: '', title: '' });
  const create = useMutation(
    trpc.administration.createUser.mutationOptions({
      onSuccess: async ({ id }) => {
        setForm({ name: '', email: '', title: '' });
        await invalidate();
        onCreated(id);
      },
    }),
  );
  return (
    <section className="section card" aria-labelledby="new-user">
      <h2 id="new-user">Lägg till en person</h2>
      <form
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(form);
        }}
      >
        <label className="field">
          <span className="field-label">Namn</span>
          <input type="text" value={form.name} maxLength={200} required onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">E-post</span>
          <input type="email" value={form.email} maxLength={254} required onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Titel</span>
          <input type="text" value={form.title} maxLength={120} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <div className="field field--wide">
          <div>
            <button type="submit" className="button" disabled={create.isPending}>
              Lägg till personen
            </button>
          </div>
          {create.isError && (
            <p className="notice notice--error" role="alert">
              {create.error.message}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}

function UserPanel({ user, units, onClose }: { user: User; units: UnitOption[]; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateUsers();
  const [form, setForm] = useState({ name: user.name, email: user.email, title: user.title });
  const [role, setRole] = useState<RoleName>('staff');
  const activeUnits = units.filter((u) => u.active);
  const [unitId, setUnitId] = useState(activeUnits[0]?.id ?? '');
  const [teamId, setTeamId] = useState('');
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const update = useMutation(trpc.administration.updateUser.mutationOptions({ onSuccess: invalidate }));
  const addRole = useMutation(trpc.administration.addRole.mutationOptions({ onSuccess: invalidate }));
  const removeRole = useMutation(trpc.administration.removeRole.mutationOptions({ onSuccess: invalidate }));
  const setActive = useMutation(
    trpc.administration.setUserActive.mutationOptions({
      onSuccess: async () => {
        setConfirmDeactivate(false);
        await invalidate();
      },
    }),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  const unitScoped = role === 'staff' || role === 'principal';
  const teams = activeUnits.find((u) => u.id === unitId)?.teams.filter((t) => t.active) ?? [];
  const errors = [update, addRole, removeRole, setActive].filter((m) => m.isError).map((m) => m.error?.message);
  return (
    <section className="section card user-panel" aria-labelledby="user-panel">
      <h2 id="user-panel" ref={heading} tabIndex={-1}>
        {user.name}
        {!user.active && ' (inaktiverad)'}
      </h2>
      <form
        className="form-grid"
        aria-label={`Uppgifter om ${user.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ userId: user.id, ...form });
        }}
      >
        <label className="field">
          <span className="field-label">Namn</span>
          <input type="text" value={form.name} maxLength={200} required onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">E-post</span>
          <input type="email" value={form.email} maxLength={254} required onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Titel</span>
          <input type="text" value={form.title} maxLength={120} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <div className="field field--wide">
          <div>
            <button type="submit" className="button" disabled={update.isPending}>
              Spara uppgifterna
            </button>
          </div>
          {update.isSuccess && (
            <p role="status" className="card__meta">
              Uppgifterna är sparade.
            </p>
          )}
        </div>
      </form>

      <h3>Roller</h3>
      {user.roles.length === 0 ? (
        <p className="empty">Inga roller.</p>
      ) : (
        <ul className="role-list">
          {user.roles.map((r) => (
            <li key={r.id}>
              <span>{roleText(r)}</span>
              <button
                type="button"
                className="button button--quiet"
                disabled={removeRole.isPending}
                onClick={() => removeRole.mutate({ roleId: r.id })}
              >
                Ta bort <span className="visually-hidden">rollen {roleText(r)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        aria-label={`Ge ${user.name} en roll`}
        onSubmit={(event) => {
          event.preventDefault();
          addRole.mutate({
            userId: user.id,
            role,
            unitId: unitScoped ? unitId || null : null,
            teamId: role === 'staff' && teamId ? teamId : null,
          });
        }}
      >
        <label className="field">
          <span className="field-label">Roll</span>
          <select value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
            {(Object.keys(ROLE_LABELS) as RoleName[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        {unitScoped && (
          <label className="field">
            <span className="field-label">Enhet</span>
            <select
              value={unitId}
              onChange={(e) => {
                setUnitId(e.target.value);
                setTeamId('');
              }}
            >
              {activeUnits.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {role === 'staff' && (
          <label className="field">
            <span className="field-label">Arbetslag</span>
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">Inget arbetslag</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="button" disabled={addRole.isPending}>
          Ge rollen
        </button>
      </form>

      <h3>Konto</h3>
      {user.active ? (
        confirmDeactivate ? (
          <div className="notice">
            <p>
              {user.name} loggas ut direkt och kan inte logga in igen förrän kontot aktiveras. Tidigare svar finns kvar, anonymt. Vill du
              inaktivera kontot?
            </p>
            <div className="actions">
              <button
                type="button"
                className="button"
                disabled={setActive.isPending}
                onClick={() => setActive.mutate({ userId: user.id, active: false })}
              >
                Inaktivera kontot
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirmDeactivate(false)}>
                Avbryt
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => setConfirmDeactivate(true)}>
            Inaktivera {user.name}
          </button>
        )
      ) : (
        <button
          type="button"
          className="button"
          disabled={setActive.isPending}
          onClick={() => setActive.mutate({ userId: user.id, active: true })}
        >
          Aktivera {user.name}
        </button>
      )}
      {setActive.isSuccess && (
        <p role="status" className="card__meta">
          {setActive.data.sessionsEnded > 0
            ? `Kontot är inaktiverat och ${setActive.data.sessionsEnded} inloggning(ar) avslutades.`
            : 'Kontot är uppdaterat.'}
        </p>
      )}
      {errors.map((message) => (
        <p key={message} className="notice notice--error" role="alert">
          {message}
        </p>
      ))}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          Stäng
        </button>
      </div>
    </section>
  );
}
