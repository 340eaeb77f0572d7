import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { LoadingBlock } from '../../components/loading-block.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatInteger } from '../../lib/format.ts';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ImportSection } from './import-section.tsx';

type Direction = 'higher-is-better' | 'lower-is-better';
interface MeasureForm {
  id?: string;
  name: string;
  definition: string;
  unitOfMeasure: string;
  source: string;
  direction: Direction;
  scaleMin: string;
  scaleMax: string;
}

const EMPTY: MeasureForm = {
  name: '',
  definition: '',
  unitOfMeasure: '',
  source: '',
  direction: 'higher-is-better',
  scaleMin: '',
  scaleMax: '',
};

function parseOptional(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return t === '' ? null : Number(t);
}

/** Nyckeltal: the organizer's catalogue of outcome measures, links to areas and indicators, and import. */
export default function CataloguePage() {
  const trpc = useTRPC();
  const catalogue = useQuery(trpc.outcomeMeasures.catalogue.queryOptions());
  return (
    <div>
      <h1>Nyckeltal</h1>
      <p className="lead">
        Måtten som beskriver enheternas resultat vid sidan av självskattningen: betyg, skolenkäten, närvaro, klagomål. Koppla dem till
        områden och indikatorer så visas de bredvid självskattningen och avvikelser markeras.
      </p>
      <p>
        <Link to="/resultat/utfall">Självskattning och utfall</Link>
      </p>
      {catalogue.isPending && <LoadingBlock label="Hämtar nyckeltalen …" />}
      {catalogue.isError && <QueryError error={catalogue.error} />}
      {catalogue.data && (
        <>
          <Measures measures={catalogue.data.measures} periods={catalogue.data.periods} />
          <Links data={catalogue.data} />
          <ImportSection />
        </>
      )}
    </div>
  );
}

type Catalogue = Outputs['outcomeMeasures']['catalogue'];

function Measures({ measures, periods }: { measures: Catalogue['measures']; periods: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<MeasureForm | null>(null);
  const ids = { name: useId(), definition: useId(), unit: useId(), source: useId(), direction: useId(), min: useId(), max: useId() };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.catalogue.queryKey() });
  const save = useMutation(
    trpc.outcomeMeasures.saveMeasure.mutationOptions({
      onSuccess: async () => {
        setForm(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(trpc.outcomeMeasures.deleteMeasure.mutationOptions({ onSuccess: refresh }));
  return (
    <section className="section" aria-labelledby="measures">
      <h2 id="measures">Katalog</h2>
      {periods.length > 0 && <p className="muted">Perioder med värden: {periods.join(', ')}.</p>}
      {measures.length === 0 ? (
        <p className="empty">Katalogen är tom. Lägg till ett mått eller läs in en fil.</p>
      ) : (
        <TableWrap label="Mått i katalogen">
          <table className="data-table">
            <caption>Mått i katalogen ({formatInteger(measures.length)})</caption>
            <thead>
              <tr>
                <th scope="col">Mått</th>
                <th scope="col">Måttenhet</th>
                <th scope="col">Källa</th>
                <th scope="col">Riktning</th>
                <th scope="col" className="num">
                  Värden
                </th>
                <th scope="col">Åtgärder</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.name}
                    {m.definition && <span className="cell-meta"> – {m.definition}</span>}
                  </th>
                  <td>{m.unitOfMeasure || '–'}</td>
                  <td>{m.source || '–'}</td>
                  <td>{m.direction === 'higher-is-better' ? 'Högre är bättre' : 'Lägre är bättre'}</td>
                  <td className="num">{formatInteger(m.values)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() =>
                        setForm({
                          id: m.id,
                          name: m.name,
                          definition: m.definition,
                          unitOfMeasure: m.unitOfMeasure,
                          source: m.source,
                          direction: m.direction,
                          scaleMin: m.scaleMin === null ? '' : String(m.scaleMin).replace('.', ','),
                          scaleMax: m.scaleMax === null ? '' : String(m.scaleMax).replace('.', ','),
                        })
                      }
                    >
                      Ändra {m.name}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(`Ta bort ${m.name} och alla dess ${m.values} värden?`)) remove.mutate({ id: m.id });
                      }}
                    >
                      Ta bort {m.name}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {!form && (
        <button type="button" className="button" onClick={() => setForm(EMPTY)}>
          Lägg till mått
        </button>
      )}
      {form && (
        <form
          className="card form-grid"
          aria-label={form.id ? 'Ändra mått' : 'Nytt mått'}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({
              id: form.id,
              name: form.name,
              definition: form.definition,
              unitOfMeasure: form.unitOfMeasure,
              source: form.source,
              direction: form.direction,
              scaleMin: parseOptional(form.scaleMin),
              scaleMax: parseOptional(form.scaleMax),
            });
          }}
        >
          <div className="field field--wide">
            <label className="field-label" htmlFor={ids.name}>
              Namn
            </label>
            <input id={ids.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div className="field field--wide">
            <label className="field-label" htmlFor={ids.definition}>
              Definition
            </label>
            <textarea
              id={ids.definition}
              rows={2}
              value={form.definition}
              onChange={(e) => setForm({ ...form, definition: e.target.value })}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.unit}>
              Måttenhet (%, index, antal …)
            </label>
            <input id={ids.unit} value={form.unitOfMeasure} onChange={(e) => setForm({ ...form, unitOfMeasure: e.target.value })} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.source}>
              Källa
            </label>
            <input id={ids.source} value={form.source} onChange={(e) => setForm({ ...form, source: e.target.value })} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.direction}>
              Riktning
            </label>
            <select
              id={ids.direction}
              value={form.direction}
              onChange={(e) => setForm({ ...form, direction: e.target.value as Direction })}
            >
              <option value="higher-is-better">Högre är bättre</option>
              <option value="lower-is-better">Lägre är bättre</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.min}>
              Skalans lägsta värde (valfritt)
            </label>
            <input
              id={ids.min}
              inputMode="decimal"
              value={form.scaleMin}
              onChange={(e) => setForm({ ...form, scaleMin: e.target.value })}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.max}>
              Skalans högsta värde (valfritt)
            </label>
            <input
              id={ids.max}
              inputMode="decimal"
              value={form.scaleMax}
              onChange={(e) => setForm({ ...form, scaleMax: e.target.value })}
            />
          </div>
          {save.isError && (
            <p className="notice notice--error" role="alert">
              {save.error.message}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={save.isPending}>
              Spara måttet
            </button>
            <button type="button" className="button button--quiet" onClick={() => setForm(null)}>
              Avbryt
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Links({ data }: { data: Catalogue }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(data.schoolForms[0]?.schoolForm ?? '');
  const formId = useId();
  const setLinks = useMutation(
    trpc.outcomeMeasures.setLinks.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.outcomeMeasures.catalogue.queryKey() }),
    }),
  );
  const current = data.schoolForms.find((f) => f.schoolForm === form);
  const measureName = new Map(data.measures.map((m) => [m.id, m.name]));
  const linked = (key: string) => data.links.filter((l) => l.targetKey === key).map((l) => l.measureId);
  return (
    <section className="section" aria-labelledby="links">
      <h2 id="links">Kopplingar till områden och indikatorer</h2>
      <p className="muted">
        Koppla en gång per område eller indikator. Kopplingen gäller även nya versioner av frågeformuläret så länge indikatorn finns kvar.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={formId}>
          Skolform
        </label>
        <select id={formId} value={form} onChange={(e) => setForm(e.target.value)}>
          {data.schoolForms.map((f) => (
            <option key={f.schoolForm} value={f.schoolForm}>
              {f.schoolFormLabel}
            </option>
          ))}
        </select>
      </div>
      {setLinks.isError && (
        <p className="notice notice--error" role="alert">
          {setLinks.error.message}
        </p>
      )}
      {current && (
        <TableWrap label="Kopplingar">
          <table className="data-table">
            <caption>Områden och indikatorer med kopplade mått</caption>
            <thead>
              <tr>
                <th scope="col">Område eller indikator</th>
                <th scope="col">Kopplade mått</th>
                <th scope="col">Koppla</th>
              </tr>
            </thead>
            <tbody>
              {current.targets.map((target) => {
                const ids = linked(target.key);
                const free = data.measures.filter((m) => !ids.includes(m.id));
                return (
                  <tr key={`${target.kind}|${target.key}`}>
                    <th scope="row" className={target.kind === 'indicator' ? 'cell-meta' : undefined}>
                      {target.kind === 'area' ? <strong>{target.title}</strong> : target.title}
                    </th>
                    <td>
                      {ids.length === 0
                        ? '–'
                        : ids.map((id) => (
                            <span key={id} className="link-chip">
                              {measureName.get(id)}{' '}
                              <button
                                type="button"
                                className="button button--quiet button--small"
                                aria-label={`Ta bort kopplingen till ${measureName.get(id)} från ${target.title}`}
                                onClick={() =>
                                  setLinks.mutate({
                                    targetKind: target.kind,
                                    targetKey: target.key,
                                    schoolForm: form,
                                    measureIds: ids.filter((x) => x !== id),
                                  })
                                }
                              >
                                ×
                              </button>
                            </span>
                          ))}
                    </td>
                    <td>
                      {free.length > 0 && (
                        <select
                          aria-label={`Koppla ett mått till ${target.title}`}
                          value=""
                          onChange={(e) =>
                            e.target.value &&
                            setLinks.mutate({
                              targetKind: target.kind,
                              targetKey: target.key,
                              schoolForm: form,
                              measureIds: [...ids, e.target.value],
                            })
                          }
                        >
                          <option value="">Välj mått …</option>
                          {free.map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
