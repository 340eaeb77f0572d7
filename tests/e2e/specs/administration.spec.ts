import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from '../journey.ts';

const HEADER = 'Enhet;Enhetskod;Skolformer;Arbetslag;Arbetslagets skolform;Namn;E-post;Titel;Roll';

test('an administrator imports staff from a CSV: sees every problem, confirms, finds the new unit and people', async ({ page }, info) => {
  const tag = info.project.name === 'desktop' ? 'd' : 'm';
  const unit = `Importskolan ${info.project.name}`;
  const code = info.project.name === 'desktop' ? '70000001' : '70000002';
  const csv = [
    HEADER,
    `${unit};${code};Förskoleklass, Grundskola;Lag Ek;Grundskola;Ebba Import;ebba.${tag}@exempelstad.se;Lärare;Medarbetare`,
    `${unit};;;;;Rolf Import;rolf.${tag}@exempelstad.se;Rektor;Rektor`,
    `${unit};;;Lag Ek;;Fel Adress;fel.${tag}(at)exempelstad.se;Lärare;Medarbetare`,
    `Annan skola ${tag};;Högstadium;;;Hugo Form;hugo.${tag}@exempelstad.se;Lärare;Medarbetare`,
  ].join('\r\n');

  await login(page, 'Sara Nilsson', 'Administration');
  await page.getByRole('link', { name: 'Import och export av organisationen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import och export' })).toBeVisible();

  await page.getByLabel('Välj fil (.xlsx eller .csv)').setInputFiles({
    name: `personal-${tag}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf-8'),
  });
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  const preview = page.getByRole('region', { name: `Förhandsgranskning av personal-${tag}.csv` });
  await expect(preview.getByText('4 rader i filen: 2 kan läsas in, 2 har problem. Inget är sparat ännu.')).toBeVisible();
  const problems = preview.getByRole('table', { name: /Problem i filen/ });
  await expect(problems.getByRole('row', { name: /^4 E-post/ })).toContainText(
    `E-postadressen ”fel.${tag}(at)exempelstad.se” är inte giltig`,
  );
  await expect(problems.getByRole('row', { name: /^5 Skolformer/ })).toContainText('Okänd skolform ”Högstadium”');
  await expect(preview).toContainText(unit);
  await expectNoAxeViolations(page);

  await preview.getByRole('button', { name: 'Läs in 2 rader' }).click();
  await expect(
    page.getByText(/Klart: 2 rader är inlästa\. 1 nya enheter, 1 nya arbetslag, 2 nya personer och 2 nya roller\./),
  ).toBeVisible();

  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Enheter och arbetslag' }).click();
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: unit }) });
  await expect(card).toContainText(`Enhetskod ${code}`);
  await expect(card.getByRole('row', { name: /Lag Ek/ })).toContainText('Grundskola');

  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Användare' }).click();
  await page.getByLabel('Sök på namn, e-post eller titel').fill(`.${tag}@exempelstad.se`);
  await expect(page.getByRole('row', { name: /Ebba Import/ })).toContainText(`Medarbetare (${unit}, Lag Ek)`);
  await expect(page.getByRole('row', { name: /Rolf Import/ })).toContainText(`Rektor (${unit})`);
  await expect(page.getByRole('row', { name: /Fel Adress/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Hugo Form/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Deactivate one of them: the account is marked and the log says so.
  await page.getByRole('button', { name: 'Hantera Rolf Import' }).click();
  const panel = page.getByRole('region', { name: 'Rolf Import' });
  await panel.getByRole('button', { name: 'Inaktivera Rolf Import' }).click();
  await panel.getByRole('button', { name: 'Inaktivera kontot' }).click();
  await expect(page.getByRole('row', { name: /Rolf Import/ })).toContainText('Inaktiverad');

  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Logg' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logg' })).toBeVisible();
  await page.getByLabel('Visa').selectOption({ label: 'Importer' });
  await expect(page.getByRole('row', { name: new RegExp(`Import personal-${tag}\\.csv`) })).toContainText('inlästa rader: 2');
  await page.getByLabel('Visa').selectOption({ label: 'Personer' });
  await expect(page.getByRole('row', { name: /Inaktiverade person/ }).first()).toContainText('Rolf Import');
  await expectNoAxeViolations(page);
});

test('settings refuse an anonymity threshold below 3 with a Swedish message', async ({ page }) => {
  await login(page, 'Sara Nilsson', 'Administration');
  await page.getByRole('link', { name: 'Administration', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  const threshold = page.getByLabel('Anonymitetsgräns (3–10 svarande)');
  await expect(threshold).toHaveValue('5');
  await threshold.fill('2');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('alert')).toContainText('Gränsen för anonymitet får inte vara lägre än 3 svar');
  await threshold.fill('11');
  await page.getByRole('button', { name: 'Spara inställningarna' }).click();
  await expect(page.getByRole('alert')).toContainText('Gränsen för anonymitet får inte vara högre än 10 svar');
  await page.reload();
  await expect(page.getByLabel('Anonymitetsgräns (3–10 svarande)')).toHaveValue('5');
  await expectNoAxeViolations(page);
});

test('the organizer level reads settings and units; staff have no administration', async ({ page }) => {
  await login(page, 'Maria Svensson', 'Huvudmannens översikt');
  await page.getByRole('link', { name: 'Administration', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inställningar' })).toBeVisible();
  await expect(page.getByText('Inställningarna ändras av en administratör.')).toBeVisible();
  const subNav = page.getByRole('navigation', { name: 'Administration' });
  await expect(subNav.getByRole('link')).toHaveText(['Inställningar', 'Enheter och arbetslag']);
  await subNav.getByRole('link', { name: 'Enheter och arbetslag' }).click();
  await expect(page.getByRole('heading', { name: 'Ekbackens skola' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lägg till enheten' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'Anna Lindqvist', 'Mina skattningar');
  await expect(page.getByRole('link', { name: 'Administration', exact: true })).toHaveCount(0);
  await page.goto('/administration/anvandare');
  await expect(page.getByRole('alert').first()).toContainText('Du har inte behörighet till det här.');
});

test('an administrator exports the organisation as a file and runs retention', async ({ page }) => {
  await login(page, 'Sara Nilsson', 'Administration');
  await page.goto('/administration/import-export');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ladda ner CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^organisation-\d{4}-\d{2}-\d{2}\.csv$/);
  const path = await file.path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf-8');
  expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
  expect(text).toContain('Ekbackens skola;');

  await page.goto('/administration/logg');
  await page.getByRole('button', { name: 'Gallra nu' }).click();
  await page.getByRole('button', { name: 'Ja, gallra' }).click();
  await expect(page.getByText(/Gallringen är klar: \d+ utkast och \d+ loggposter togs bort\./)).toBeVisible();
  await page.getByLabel('Visa').selectOption({ label: 'Exporter' });
  await expect(page.getByRole('row', { name: /Export organisation-.*\.csv/ }).first()).toContainText('Sara Nilsson');
});
