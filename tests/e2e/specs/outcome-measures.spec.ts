import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from '../journey.ts';

test.describe('outcome measures beside the self-ratings', () => {
  test('the organizer level sees the scatter, the mismatch and the panel, and builds a current-state description', async ({
    page,
  }, info) => {
    // Both projects run against the same database: texts carry the project's name, parts are added once.
    const mine = (text: string) => `${text} (${info.project.name})`;
    await login(page, 'Maria Svensson');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Resultat' }).click();
    await page.getByRole('navigation', { name: 'Resultat' }).getByRole('link', { name: 'Självskattning och utfall' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Självskattning och utfall' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Skolform/ })).toHaveValue('grundskola');

    // The scatter of Normer och värden against the inspectorate's safety index: five units, one mismatch.
    await page.getByRole('combobox', { name: 'Koppling' }).selectOption({ label: 'Normer och värden ↔ Skolenkäten: trygghet, index' });
    await expect(page).toHaveURL(/koppling=grundskola\.normer-och-varden/);
    await expect(page.getByRole('figure', { name: /^Spridningsdiagram: Självskattning: Normer och värden/ })).toBeVisible();
    const table = page.getByRole('table', { name: 'Samma punkter som tabell' });
    await expect(table.getByRole('row')).toHaveCount(6);
    await expect(table.getByRole('rowheader', { name: 'Ekbackens skola' })).toBeVisible();
    const mismatches = page.getByRole('region', { name: 'Avvikelser att undersöka' });
    const sentence = mismatches.getByText(
      /skattar Normer och värden (högre|lägre) än kommunens övriga enheter \(\d,\d mot \d,\d\) men har (lägst|högst) värde på Skolenkäten: trygghet, index/,
    );
    await expect(sentence).toHaveCount(1);
    const unitName = ((await sentence.textContent()) ?? '').split(' skattar ')[0] as string;
    expect(unitName.length).toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    // The unit's results: outcome measures with the organizer's value, the pair with the mismatch, the notes.
    await mismatches.getByRole('link', { name: `Visa ${unitName}s resultat` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
    const outcomes = page.getByRole('region', { name: 'Nyckeltal och utfall' });
    await expect(outcomes.getByRole('rowheader', { name: 'Skolenkäten: trygghet, index' })).toBeVisible();
    await expect(outcomes.getByRole('columnheader', { name: 'Kommunen' })).toBeVisible();
    const pairs = page.getByRole('region', { name: 'Självskattning och utfall' });
    await expect(pairs.getByText('Avvikelse', { exact: true }).first()).toBeVisible();
    await expect(pairs.getByText(new RegExp(`^${unitName} skattar Normer och värden`)).first()).toBeVisible();
    const notes = page.getByRole('region', { name: 'Kvalitativa underlag' });
    await expect(notes.getByText('Klagomål – sammanfattning: Klagomål om otrygghet på rasterna')).toBeVisible();
    await expectNoAxeViolations(page);

    // The current-state description: choose parts, write, autosave, reload.
    await notes.getByRole('link', { name: /nulägesbeskrivningen$/i }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nulägesbeskrivning' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Nulägesbeskrivning – ${unitName}`) })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /sparat|sparade/ })).toBeVisible();
    const addPart = async (name: RegExp) => {
      const button = page.getByRole('button', { name });
      if ((await button.count()) > 0) await button.click();
    };
    await addPart(/^Självskattning och utfall \(\d+\)/);
    const part = page.getByRole('region', { name: 'Självskattning och utfall' });
    await part
      .getByRole('textbox', { name: 'Er tolkning: självskattning och utfall' })
      .fill(mine('Eleverna upplever större trygghet än personalen tror. Vi behöver förstå varför.'));
    await expect(page.getByRole('status').filter({ hasText: 'Alla ändringar är sparade.' })).toBeVisible();
    await expect(part.getByText('Avvikelse', { exact: false }).first()).toBeVisible();
    await addPart(/^Nyckeltal \(\d+\)/);
    await page.getByRole('region', { name: 'Nyckeltal' }).getByRole('textbox').fill(mine('Närvaron är hög och stabil.'));
    await expect(page.getByRole('status').filter({ hasText: 'Alla ändringar är sparade.' })).toBeVisible();

    // A qualitative note tagged to an area.
    const form = page.getByRole('form', { name: 'Nytt underlag' });
    await form.getByRole('combobox', { name: 'Typ' }).selectOption({ label: 'Intervju' });
    await form.getByRole('textbox', { name: 'Rubrik' }).fill(mine('Samtal med elevrådet'));
    await form.getByRole('textbox', { name: 'Text' }).fill('Elevrådet beskriver rasterna som lugnare sedan i vintras.');
    await form.getByRole('checkbox', { name: 'Normer och värden' }).check();
    await form.getByRole('button', { name: 'Spara underlaget' }).click();
    await expect(page.getByText(`Intervju: ${mine('Samtal med elevrådet')}`)).toBeVisible();
    await expectNoAxeViolations(page);

    await page.reload();
    await expect(page.getByRole('region', { name: 'Självskattning och utfall' }).getByRole('textbox')).toHaveValue(
      mine('Eleverna upplever större trygghet än personalen tror. Vi behöver förstå varför.'),
    );
    await expect(page.getByRole('region', { name: 'Nyckeltal' }).getByRole('textbox')).toHaveValue(mine('Närvaron är hög och stabil.'));

    // Back on the unit's results the description is summarised and the new note sits beside its area.
    await page.getByRole('link', { name: 'Tillbaka till enhetens resultat' }).click();
    const notesAgain = page.getByRole('region', { name: 'Kvalitativa underlag' });
    await expect(notesAgain.getByText(`Intervju: ${mine('Samtal med elevrådet')}`)).toBeVisible();
    await expect(notesAgain.getByText(/2 delar, senast sparad/)).toBeVisible();

    // The analysis starts from the description: the workspace and the quality report show it.
    await page.goBack();
    const described = new URL(page.url());
    const unitId = described.searchParams.get('enhet');
    const roundId = described.searchParams.get('omgang');
    expect(unitId && roundId).toBeTruthy();
    await page.goto(`/kvalitetsarbete/${roundId}/${unitId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Vart ska vi? Analys och utvecklingsplan' })).toBeVisible();
    const start = page.getByRole('region', { name: 'Nulägesbeskrivning' });
    await expect(start.getByText(mine('Eleverna upplever större trygghet än personalen tror. Vi behöver förstå varför.'))).toBeVisible();
    await expect(start.getByText(mine('Närvaron är hög och stabil.'))).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Kvalitetsrapport' }).click();
    const reportPart = page.getByRole('region', { name: 'Nulägesbeskrivning' });
    await expect(reportPart.getByText(mine('Närvaron är hög och stabil.'))).toBeVisible();
  });

  test('the catalogue lists the measures and their links', async ({ page }) => {
    await login(page, 'Maria Svensson');
    await page.goto('/resultat/utfall/katalog');
    await expect(page.getByRole('heading', { level: 1, name: 'Nyckeltal' })).toBeVisible();
    await expect(
      page.getByRole('table', { name: /^Mått i katalogen/ }).getByRole('rowheader', { name: /^Skolenkäten: trygghet, index/ }),
    ).toBeVisible();
    await expect(page.getByRole('table', { name: 'Områden och indikatorer med kopplade mått' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('the organizer level imports a file: every problem first, then only after confirmation', async ({ page }, info) => {
    // A period of its own per project, so that both projects write new values.
    const period = info.project.name === 'desktop' ? 'HT 2027' : 'VT 2028';
    await login(page, 'Maria Svensson');
    await page.goto('/resultat/utfall/katalog');
    const section = page.getByRole('region', { name: 'Läs in värden från fil' });
    const long = [
      'Enhet;Mått;Period;Värde;Måttenhet;Källa',
      `Ekbackens skola;Närvaro, andel;${period};94,1;%;Egen uppföljning`,
      `Okänd skola;Närvaro, andel;${period};90;%;Egen uppföljning`,
      `Tallbackens skola;Närvaro, andel;${period};inget;%;Egen uppföljning`,
      `Sjöviksskolan;Närvaro, andel;${period};..;%;Egen uppföljning`,
      `Centralskolan;Närvaro, andel;${period};93;%;Egen uppföljning`,
    ].join('\r\n');
    await section
      .getByLabel('Välj fil (.xlsx eller .csv)')
      .setInputFiles({ name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${long}`, 'utf-8') });
    await section.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(
      section.getByText(
        '5 rader i filen: 2 värden kan läsas in (2 nya, 0 ersätter tidigare värden), 2 rader har problem. Inget är sparat ännu.',
      ),
    ).toBeVisible();
    const problems = section.getByRole('table', { name: /^Problem i filen/ });
    await expect(problems.getByRole('row', { name: /^3 Enheten "Okänd skola" finns inte hos huvudmannen/ })).toBeVisible();
    await expect(problems.getByRole('row', { name: /^4 Värdet "inget" är inte ett tal/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await section.getByRole('button', { name: 'Läs in 2 värden' }).click();
    await expect(section.getByText('Klart: 2 nya värden och 0 uppdaterade.')).toBeVisible();

    // A wide export: title lines, one column per measure, mapped in the preview.
    const wide = [
      'Skolenkäten, elever i årskurs 5',
      '',
      'Kommun;Skolenhetskod;Skolenhet;Trygghet index;Studiero index',
      'Exempelstad;;Ekbackens skola;7,9;6,4',
      'Exempelstad;;Tallbackens skola;.;6,1',
    ].join('\r\n');
    await section
      .getByLabel('Välj fil (.xlsx eller .csv)')
      .setInputFiles({ name: 'skolenkaten.csv', mimeType: 'text/csv', buffer: Buffer.from(wide, 'utf-8') });
    await section.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(section.getByText('Välj vilken period (läsår eller termin) filens värden gäller.')).toBeVisible();
    await section.getByRole('combobox', { name: 'Kolumnen ”Trygghet index”' }).selectOption({ label: 'Skolenkäten: trygghet, index' });
    await section.getByRole('textbox', { name: 'Period för filens värden' }).fill(period);
    await section.getByRole('textbox', { name: 'Period för filens värden' }).blur();
    await expect(section.getByText(/^2 rader i filen: 1 värde kan läsas in/)).toBeVisible();
    await section.getByText('Värden som hoppas över (1)').click();
    await expect(section.getByText(/Tallbackens skola, Trygghet index hoppas över/)).toBeVisible();
    await section.getByRole('button', { name: 'Läs in 1 värde' }).click();
    await expect(section.getByText('Klart: 1 nytt värde och 0 uppdaterade.')).toBeVisible();
  });

  test('a rektor sees only the own units in the scatter', async ({ page }) => {
    await login(page, 'Erik Johansson');
    await page.goto('/resultat/utfall');
    await page.getByRole('combobox', { name: 'Koppling' }).selectOption({ label: 'Normer och värden ↔ Skolenkäten: trygghet, index' });
    const table = page.getByRole('table', { name: 'Samma punkter som tabell' });
    await expect(table.getByRole('rowheader')).toHaveText(['Ekbackens skola', 'Tallbackens skola']);
    await expect(page.getByText(/Du ser dina egna enheter/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Nyckeltal, kopplingar och import' })).toHaveCount(0);
  });
});
