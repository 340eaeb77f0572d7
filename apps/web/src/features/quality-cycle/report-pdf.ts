/**
 * The quality report as a real PDF, built in the browser with pdfmake and its Roboto fonts (which
 * cover å, ä and ö). pdfmake, the fonts and the chart code are loaded only when someone downloads.
 */
import { parseRichText } from '@kvalitetshjulet/domain';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { areaProfilePng } from './report-chart.ts';
import type { ReportModel } from './report-model.ts';

function richText(text: string, empty: string): Content[] {
  const blocks = parseRichText(text);
  if (blocks.length === 0) return [{ text: empty, italics: true, color: '#4a5663', margin: [0, 0, 0, 6] }];
  return blocks.map((b): Content => {
    if (b.type === 'paragraph') return { text: b.text, margin: [0, 0, 0, 6] };
    if (b.type === 'bullets') return { ul: b.items, margin: [0, 0, 0, 6] };
    return { ol: b.items, start: b.start, margin: [0, 0, 0, 6] };
  });
}

const h1 = (text: string): Content => ({ text, style: 'h1' });
const h2 = (text: string): Content => ({ text, style: 'h2' });
const h3 = (text: string): Content => ({ text, style: 'h3' });
const muted = (text: string): Content => ({ text, color: '#4a5663', margin: [0, 0, 0, 6] });

function table(header: string[], rows: string[][], widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [header.map((h) => ({ text: h, bold: true, fillColor: '#e6f0f7' })), ...rows],
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 0, 0, 10],
  };
}

function currentStatePdf(model: ReportModel, chartPng: string | null): Content[] {
  const content: Content[] = [h2('Nuläge: resultat och fynd')];
  if (!model.currentState) return [...content, muted(model.currentStateMessage ?? 'Resultaten visas inte.')];
  const cs = model.currentState;
  if (cs.participation) content.push(muted(cs.participation));
  if (chartPng) content.push({ image: chartPng, width: 480, margin: [0, 4, 0, 8] });
  content.push(
    table(
      ['Område', 'Medelvärde (95 % KI)', 'n'],
      cs.areas.map((a) => [a.title, a.meanText, a.n]),
      ['*', 'auto', 'auto'],
    ),
  );
  if (cs.areas.some((a) => a.explanation)) {
    content.push(muted(`– = visas inte: färre än ${cs.threshold} svar, eller skyddat så att ingen grupp under gränsen kan räknas fram.`));
  }
  content.push(h3('Styrkor, svagheter och samtalsfrågor'));
  if (cs.findings.length === 0) content.push(muted('Inga indikatorer sticker tydligt ut.'));
  for (const f of cs.findings)
    content.push({ text: [{ text: `${f.kind}: `, bold: true }, f.statement, ` – ${f.reason}`], margin: [0, 0, 0, 4] });
  return content;
}

function descriptionPdf(model: ReportModel): Content[] {
  const content: Content[] = [h2('Nulägesbeskrivning')];
  const d = model.description;
  if (!d) return [...content, muted(model.descriptionMessage ?? 'Nulägesbeskrivningen visas inte.')];
  if (d.parts.length === 0) return [...content, muted('Ingen nulägesbeskrivning är skriven för omgången ännu.')];
  if (d.updated) content.push(muted(d.updated));
  for (const p of d.parts) {
    content.push(h3(p.heading));
    if (p.figures.length > 0) {
      content.push({
        ul: p.figures.map((f) => ({ text: [{ text: `${f.label}: `, bold: true }, f.value, f.note ? ` – ${f.note}` : ''] })),
        margin: [0, 0, 0, 6],
      });
    }
    content.push(...richText(p.text, 'Ingen text skriven för den här delen.'));
  }
  return content;
}

function analysisPdf(model: ReportModel): Content[] {
  const content: Content[] = [h2('Vart ska vi? Analys')];
  if (model.analysis.findings.length === 0) content.push(muted('Inga fynd är med i analysen.'));
  for (const f of model.analysis.findings) {
    content.push(
      h3(f.heading),
      { text: f.reason, margin: [0, 0, 0, 2] },
      muted(f.figures),
      { text: 'Orsaker', bold: true },
      ...richText(f.cause, 'Inga orsaker skrivna.'),
    );
  }
  content.push(h3('Analys av helheten'), ...richText(model.analysis.text, 'Analysen är inte skriven.'));
  content.push(h3('Annat underlag'), ...richText(model.analysis.evidence, 'Inget annat underlag antecknat.'));
  return content;
}

function prioritiesPdf(model: ReportModel): Content[] {
  const content: Content[] = [h2('Prioriterade utvecklingsområden')];
  if (model.priorities.length === 0) content.push(muted('Inga prioriteringar.'));
  model.priorities.forEach((p, i) => {
    content.push(h3(`${i + 1}. ${p.title}`));
    if (p.origin) content.push(muted(p.origin));
    content.push({ text: 'Motivering', bold: true }, ...richText(p.reason, 'Ingen motivering.'));
    content.push({ text: 'Mål', bold: true }, ...richText(p.goal, 'Inget mål skrivet.'));
    content.push({ ul: p.indicators.map((x) => `${x.statement} – ${x.target}`), margin: [0, 0, 0, 6] });
  });
  return content;
}

function planPdf(model: ReportModel): Content[] {
  const content: Content[] = [h2('Hur gör vi? Utvecklingsplan')];
  for (const p of model.priorities) {
    content.push(h3(p.title));
    if (p.activities.length === 0) content.push(muted('Inga aktiviteter.'));
    else {
      content.push(
        table(
          ['Aktivitet', 'Tid', 'Ansvarig', 'Resurser', 'Förväntad effekt', 'Uppföljning', 'Status'],
          p.activities.map((a) => [a.title, a.time, a.responsible, a.resources, a.effect, a.followUp, a.status]),
          ['*', 70, 'auto', 'auto', '*', '*', 'auto'],
        ),
      );
    }
  }
  return content;
}

function followUpPdf(model: ReportModel): Content[] {
  const content: Content[] = [h2('Hur blev det? Uppföljning'), muted(model.followUpIntro)];
  for (const p of model.priorities) {
    content.push(h3(p.title));
    if (p.followUp) {
      content.push(
        table(
          ['Indikator', 'Utgångsläge', 'Senare omgång', 'Förändring', 'Måluppfyllelse'],
          p.followUp.map((f) => [f.statement, f.baseline, f.later, f.change, `${f.status}. ${f.statusText}`]),
          ['*', 'auto', 'auto', 'auto', '*'],
        ),
      );
    }
    content.push({ text: 'Utvärdering', bold: true }, ...richText(p.evaluation, 'Ingen utvärdering skriven.'));
  }
  return content;
}

/** The report's sections in order, the same list on screen (report-page.tsx) and in the PDF. */
export const REPORT_SECTIONS = [
  { id: 'nulagesbeskrivning', title: 'Nulägesbeskrivning', pdf: descriptionPdf },
  { id: 'nulage', title: 'Nuläge: resultat och fynd', pdf: currentStatePdf },
  { id: 'analys', title: 'Vart ska vi? Analys', pdf: analysisPdf },
  { id: 'prioriteringar', title: 'Prioriterade utvecklingsområden', pdf: prioritiesPdf },
  { id: 'plan', title: 'Hur gör vi? Utvecklingsplan', pdf: planPdf },
  { id: 'uppfoljning', title: 'Hur blev det? Uppföljning', pdf: followUpPdf },
] as const;

export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];

export function reportContent(model: ReportModel, chartPng: string | null): Content[] {
  return [
    h1(model.title),
    muted(`${model.subtitle} · Skapad ${model.createdOn}`),
    ...REPORT_SECTIONS.flatMap((s) => s.pdf(model, chartPng)),
  ];
}

export function reportDocument(model: ReportModel, chartPng: string | null): TDocumentDefinitions {
  return {
    info: { title: model.title, subject: model.subtitle, creator: 'Kvalitetshjulet' },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    content: reportContent(model, chartPng),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.25 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 4], color: '#164566' },
      h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 6], color: '#164566' },
      h3: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: `${model.title} · sida ${page} av ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#4a5663',
    }),
  };
}

/** Builds the PDF (with the area profile as a chart) and starts the download. */
export async function downloadReportPdf(model: ReportModel, steps: number, roundName: string, fileName: string): Promise<void> {
  const [pdfMakeModule, vfsModule] = await Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')]);
  const pdfMake = (pdfMakeModule as unknown as { default: typeof import('pdfmake/build/pdfmake') }).default ?? pdfMakeModule;
  const vfs = (vfsModule as unknown as { default: Record<string, string> }).default ?? vfsModule;
  pdfMake.addVirtualFileSystem(vfs);
  const chart =
    model.currentState && model.currentState.areas.length > 0 ? areaProfilePng(model.currentState.areas, steps, roundName) : null;
  await pdfMake.createPdf(reportDocument(model, chart)).download(fileName);
}
