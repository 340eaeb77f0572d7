import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Outputs } from '../../lib/router-types.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RichTextView } from './rich-text-view.tsx';

type Description = Outputs['outcomeMeasures']['currentState'];

/** The part of a current-state description that the analysis and the report show: headings, figures and texts. */
export interface DescriptionModel {
  title: string;
  updated: string | null;
  parts: { heading: string; text: string; figures: { label: string; value: string; note: string | null }[] }[];
}

export function descriptionOf(d: Description): DescriptionModel {
  const updated =
    d.updatedAt === null
      ? null
      : `Senast sparad ${new Date(d.updatedAt).toLocaleString('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' })}${d.updatedBy ? ` av ${d.updatedBy}` : ''}.`;
  return {
    title: d.title,
    updated,
    parts: d.parts.map((p) => ({ heading: p.heading, text: p.text, figures: p.figures })),
  };
}

/** Where the description is written: the current-state page for the unit (or the organizer) and round. */
export function descriptionPath(roundId: string, schoolForm: string, schoolUnitId: string | null): string {
  return `/resultat/nulage?${schoolUnitId ? `enhet=${schoolUnitId}&` : ''}skolform=${schoolForm}&omgang=${roundId}`;
}

export function DescriptionView({ model, headingLevel = 3 }: { model: DescriptionModel; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  if (model.parts.length === 0) return <p className="empty">Ingen nulägesbeskrivning är skriven för omgången ännu.</p>;
  return (
    <>
      {model.updated && <p className="muted">{model.updated}</p>}
      {model.parts.map((p) => (
        <div key={p.heading} className="report__finding">
          <Heading>{p.heading}</Heading>
          {p.figures.length > 0 && (
            <ul>
              {p.figures.map((f) => (
                <li key={`${f.label}|${f.value}`}>
                  <strong>{f.label}:</strong> {f.value}
                  {f.note && <span className="muted"> – {f.note}</span>}
                </li>
              ))}
            </ul>
          )}
          <RichTextView text={p.text} empty="Ingen text skriven för den här delen." />
        </div>
      ))}
    </>
  );
}

/**
 * The analysis starts from the current-state description (nulägesbeskrivning): shown at the top of
 * the workspace, with a link to where it is written.
 */
export function CurrentStateDescriptionSection({
  roundId,
  schoolForm,
  schoolUnitId,
  canEdit,
}: {
  roundId: string;
  schoolForm: string;
  schoolUnitId: string | null;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const description = useQuery(
    trpc.outcomeMeasures.currentState.queryOptions({ roundId, ...(schoolUnitId ? { schoolUnitId } : {}) }, { retry: false }),
  );
  return (
    <section className="section" aria-labelledby="nulagesbeskrivning">
      <h2 id="nulagesbeskrivning">Nulägesbeskrivning</h2>
      <p className="muted">Var är vi? Analysen utgår från nulägesbeskrivningen: valda resultat, nyckeltal, avvikelser och anteckningar.</p>
      {description.isPending && <p aria-live="polite">Hämtar nulägesbeskrivningen …</p>}
      {description.isError && <p className="notice">Nulägesbeskrivningen visas inte: {description.error.message}</p>}
      {description.data && (
        <details className="quality-description" open={description.data.parts.length > 0}>
          <summary>
            {description.data.parts.length > 0
              ? `${description.data.parts.length} ${description.data.parts.length === 1 ? 'del' : 'delar'}`
              : 'Inte skriven ännu'}
          </summary>
          <DescriptionView model={descriptionOf(description.data)} />
        </details>
      )}
      <p>
        <Link to={descriptionPath(roundId, schoolForm, schoolUnitId)}>
          {canEdit ? 'Skriv eller ändra nulägesbeskrivningen' : 'Öppna nulägesbeskrivningen'}
        </Link>
      </p>
    </section>
  );
}
