import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatInteger } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AdminNav, useIsAdmin } from './admin-nav.tsx';

interface Settings {
  name: string;
  anonymityThreshold: number;
  staffCanSeeResults: boolean;
  draftRetentionDays: number;
  auditRetentionDays: number;
}

/** Inställningar: the organizer's name, anonymity threshold, what staff see, and retention. */
export function SettingsPage() {
  const trpc = useTRPC();
  const isAdmin = useIsAdmin();
  const settings = useQuery(trpc.administration.settings.queryOptions());
  return (
    <div>
      <h1>Inställningar</h1>
      <p className="lead">Huvudmannens namn, gränsen för anonymitet, vad personalen ser och hur länge utkast och logg sparas.</p>
      <AdminNav />
      {settings.isPending && <LoadingBlock label="Hämtar inställningarna …" />}
      {settings.isError && <QueryError error={settings.error} />}
      {settings.data && (isAdmin ? <SettingsForm initial={settings.data} /> : <SettingsFacts settings={settings.data} />)}
    </div>
  );
}

function SettingsFacts({ settings }: { settings: Settings }) {
  return (
    <section className="section" aria-labelledby="settings-facts">
      <h2 id="settings-facts">{settings.name}</h2>
      <dl className="facts">
        <div>
          <dt>Anonymitetsgräns</dt>
          <dd>{settings.anonymityThreshold} svarande</dd>
        </div>
        <div>
          <dt>Personal ser enhetens resultat</dt>
          <dd>{settings.staffCanSeeResults ? 'Ja' : 'Nej'}</dd>
        </div>
        <div>
          <dt>Utkast från stängda omgångar sparas</dt>
          <dd>{formatInteger(settings.draftRetentionDays)} dagar</dd>
        </div>
        <div>
          <dt>Loggposter sparas</dt>
          <dd>{formatInteger(settings.auditRetentionDays)} dagar</dd>
        </div>
      </dl>
      <p>Inställningarna ändras av en administratör.</p>
    </section>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    name: initial.name,
    anonymityThreshold: String(initial.anonymityThreshold),
    staffCanSeeResults: initial.staffCanSeeResults,
    draftRetentionDays: String(initial.draftRetentionDays),
    auditRetentionDays: String(initial.auditRetentionDays),
  });
  const save = useMutation(
    trpc.administration.saveSettings.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.administration.settings.queryKey(), data),
    }),
  );
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return (
    <section className="section card" aria-labelledby="settings-form">
      <h2 id="settings-form">Ändra inställningar</h2>
      <form
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            name: form.name,
            anonymityThreshold: number(form.anonymityThreshold),
            staffCanSeeResults: form.staffCanSeeResults,
            draftRetentionDays: number(form.draftRetentionDays),
            auditRetentionDays: number(form.auditRetentionDays),
          });
        }}
      >
        <label className="field field--wide">
          <span className="field-label">Huvudmannens namn</span>
          <input type="text" value={form.name} maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Anonymitetsgräns (3–10 svarande)</span>
          <input
            type="number"
            inputMode="numeric"
            min={3}
            max={10}
            value={form.anonymityThreshold}
            aria-describedby="threshold-hint"
            onChange={(e) => setForm({ ...form, anonymityThreshold: e.target.value })}
          />
          <span id="threshold-hint" className="field-hint">
            Inga gruppresultat eller kommentarer visas för färre svarande än så här.
          </span>
        </label>
        <label className="field">
          <span className="field-label">Spara utkast från stängda omgångar (dagar)</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            value={form.draftRetentionDays}
            onChange={(e) => setForm({ ...form, draftRetentionDays: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Spara loggposter (dagar)</span>
          <input
            type="number"
            inputMode="numeric"
            min={30}
            max={3650}
            value={form.auditRetentionDays}
            onChange={(e) => setForm({ ...form, auditRetentionDays: e.target.value })}
          />
        </label>
        <label className="checkbox field--wide">
          <input
            type="checkbox"
            checked={form.staffCanSeeResults}
            onChange={(e) => setForm({ ...form, staffCanSeeResults: e.target.checked })}
          />
          Personalen får se sin enhets resultat
        </label>
        <div className="field field--wide">
          <div>
            <button type="submit" className="button" disabled={save.isPending}>
              Spara inställningarna
            </button>
          </div>
          {save.isSuccess && (
            <p role="status" className="card__meta">
              Inställningarna är sparade.
            </p>
          )}
          {save.isError && (
            <p className="notice notice--error" role="alert">
              {save.error.message}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
