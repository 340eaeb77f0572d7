import type { ReactNode } from 'react';
import type { Outputs } from '../../lib/router-types.ts';

type Finding = Outputs['results']['unit']['findings'][number];

const SECTIONS = [
  { kind: 'strength', title: 'Styrkor', empty: 'Inga indikatorer sticker tydligt ut uppåt.' },
  { kind: 'weakness', title: 'Svagheter', empty: 'Inga indikatorer sticker tydligt ut nedåt.' },
  { kind: 'disagreement', title: 'Samtalsfrågor', empty: 'Ingen indikator har tydligt delade meningar.' },
] as const;

/** Styrkor, svagheter och samtalsfrågor, each with the reason in one sentence. */
export function FindingsPanel({
  findings,
  statements,
  action,
}: {
  findings: Finding[];
  statements: Map<string, string>;
  /** Optional control per finding, e.g. "Ta med i analysen". */
  action?: (finding: Finding) => ReactNode;
}) {
  return (
    <section className="section" aria-labelledby="findings">
      <h2 id="findings">Styrkor, svagheter och samtalsfrågor</h2>
      <p className="muted">
        En indikator flaggas när den ligger tydligt över eller under en jämförelse – både så mycket att det spelar roll och så säkert att
        det inte är slumpen. Samtalsfrågor är indikatorer där ni har svarat mycket olika.
      </p>
      <div className="findings">
        {SECTIONS.map((section) => {
          const items = findings.filter((f) => f.kind === section.kind);
          return (
            <div key={section.kind} className={`findings__column findings__column--${section.kind}`}>
              <h3>
                {section.title} <span className="count">({items.length})</span>
              </h3>
              {items.length === 0 ? (
                <p className="empty">{section.empty}</p>
              ) : (
                <ul>
                  {items.map((f) => (
                    <li key={`${f.kind}:${f.reference ?? ''}:${f.indicatorKey}`}>
                      <a href={`#indikator-${f.indicatorKey}`} className="finding__statement">
                        {statements.get(f.indicatorKey) ?? f.indicatorKey}
                      </a>
                      <span className="finding__reason">{f.reason}</span>
                      {action?.(f)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
