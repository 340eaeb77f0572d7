import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { OLDEST_TERM, PREVIOUS_TERM } from '../demo-terms.ts';
import { expectNoAxeViolations, login } from '../journey.ts';

/** Types into an autosaved text and waits until the page says it is saved. */
async function writeAndWaitSaved(page: Page, label: string | RegExp, text: string) {
  const box = page.getByRole('textbox', { name: label });
  await box.fill(text);
  await box.blur();
  await expect(box.locator('xpath=ancestor::div[contains(@class, "autosave")][1]').getByText(/^Sparat kl\. \d\d[:.]\d\d$/)).toBeVisible();
}

test.describe('quality cycle', () => {
  test('a rektor takes a weakness into the analysis, prioritises, plans, follows up and downloads the report', async ({ page }, info) => {
    test.setTimeout(120_000);
    const suffix = info.project.name === 'desktop' ? '' : ' (mobil)';
    const priorityTitle = `Tydlig återkoppling i bedömningen${suffix}`;
    const activities = [`Sambedömning i arbetslagen${suffix}`, `Elevsamtal om återkoppling${suffix}`];
    const analysisText = `Eleverna får återkoppling men vet inte alltid vad som bedöms${suffix}.\n\nOrsaker vi ser:\n- olika rutiner mellan arbetslagen\n- lite tid för sambedömning`;

    await login(page, 'Erik Johansson', 'Mina enheter');
    await page.getByRole('link', { name: 'Resultat', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
    const unitSelect = page.getByRole('combobox', { name: /^Enhet/ });
    if (await unitSelect.count()) await unitSelect.selectOption({ label: 'Ekbackens skola' });
    const roundSelect = page.getByRole('combobox', { name: /^Omgång/ });
    const options = await roundSelect.locator('option').allTextContents();
    const oldest = options.find((o) => o.startsWith(OLDEST_TERM));
    expect(oldest).toBeDefined();
    await roundSelect.selectOption({ label: oldest as string });

    // A weakness, with its reason, into the analysis with one click.
    const weaknesses = page.locator('.findings__column--weakness li');
    await expect(weaknesses.first()).toBeVisible();
    const statement = (await weaknesses.first().locator('.finding__statement').textContent())?.trim() as string;
    expect(statement.length).toBeGreaterThan(10);
    await weaknesses
      .first()
      .getByRole('button', { name: /^Ta med i analysen/ })
      .click();
    await expect(weaknesses.first().getByText('Med i analysen')).toBeVisible();
    await weaknesses.first().getByRole('link', { name: 'Öppna analysen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Vart ska vi? Analys och utvecklingsplan' })).toBeVisible();
    await expect(page.getByText(new RegExp(`Ekbackens skola · ${OLDEST_TERM}`))).toBeVisible();
    const finding = page.locator('.quality-finding').filter({ hasText: statement });
    await expect(finding.getByRole('heading', { name: statement })).toBeVisible();
    await expect(finding.getByText(/Medelvärde \d,\d \(n = \d+\)/)).toBeVisible();

    // The causes per finding and the analysis of the whole, autosaved.
    await writeAndWaitSaved(page, 'Orsaker', `Rutinerna för återkoppling skiljer sig åt${suffix}.`);
    await writeAndWaitSaved(page, 'Analys av helheten', analysisText);
    await writeAndWaitSaved(page, /^Annat underlag som använts/, `Skolenkäten och betygen${suffix}.`);

    // A priority linked to the weakness's indicator, with a target level.
    await page.getByRole('button', { name: 'Lägg till prioritering' }).click();
    await page.getByRole('textbox', { name: 'Utvecklingsområde' }).fill(priorityTitle);
    await page.getByRole('textbox', { name: 'Mål i ord' }).fill('Alla elever vet vad som bedöms och hur de kan utvecklas.');
    const target = page.getByRole('textbox', { name: /^Målnivå/ });
    await expect(target).toHaveCount(1);
    await target.fill('3,0');
    await page.getByRole('button', { name: 'Spara prioriteringen' }).click();
    const priority = page.locator('.priority').filter({ hasText: priorityTitle });
    await expect(priority.getByRole('heading', { name: priorityTitle })).toBeVisible();
    await expect(priority.getByText(/medelvärde minst 3,0/)).toBeVisible();

    // Two activities in the plan, shown on the school-year timeline and in the table.
    const plan = page.locator('.plan-priority').filter({ has: page.getByRole('heading', { name: priorityTitle, exact: true }) });
    for (const [i, title] of activities.entries()) {
      await plan.getByRole('button', { name: /^Lägg till aktivitet/ }).click();
      await plan.getByRole('textbox', { name: 'Aktivitet' }).fill(title);
      await plan.getByRole('textbox', { name: 'Ansvarig' }).fill(i === 0 ? 'Arbetslagsledarna' : 'Mentorerna');
      await plan.getByLabel('Startdatum').fill(i === 0 ? '2026-09-01' : '2027-01-15');
      await plan.getByLabel('Slutdatum').fill(i === 0 ? '2026-12-18' : '2027-05-31');
      await plan.getByRole('textbox', { name: 'Resurser' }).fill('Två timmar i månaden');
      await plan.getByRole('button', { name: 'Spara aktiviteten' }).click();
      await expect(plan.getByRole('heading', { name: title })).toBeVisible();
    }
    const timelineTable = page.getByRole('region', { name: 'Aktiviteterna i tidsordning' });
    for (const title of activities) await expect(timelineTable.getByRole('rowheader', { name: title })).toBeVisible();

    // Hur blev det? The later closed round, with intervals and whether the target was reached.
    const followUp = page.locator('.follow-up').filter({ has: page.getByRole('heading', { name: priorityTitle, exact: true }) });
    const row = followUp.getByRole('row').filter({ hasText: statement });
    await expect(followUp.getByRole('columnheader', { name: PREVIOUS_TERM })).toBeVisible();
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d,\d \(\d,\d–\d,\d\), n = \d+$|^–/);
    await expect(row.getByText(/^(Målet nått|Målet inte nått|Går inte att avgöra)$/)).toBeVisible();
    await writeAndWaitSaved(page, `Utvärdering: ${priorityTitle}`, 'Sambedömningen gav en gemensam bild av vad som bedöms.');
    await expectNoAxeViolations(page);
    if (info.project.name === 'desktop') await page.screenshot({ path: 'e2e/screenshots/quality-workspace.png', fullPage: true });

    // The quality report: on screen, and as a real PDF whose text holds every part.
    await page.getByRole('link', { name: 'Kvalitetsrapport' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kvalitetsrapport Ekbackens skola' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Nuläge: resultat och fynd' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: priorityTitle }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner som PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Kvalitetsrapport Ekbackens skola .*\.pdf$/);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    const contains = (s: string) => expect(flat).toContain(s.replace(/\s+/g, ' '));
    contains('Kvalitetsrapport Ekbackens skola');
    contains('Nulägesbeskrivning');
    contains('Nuläge: resultat och fynd');
    contains(statement);
    contains(`Eleverna får återkoppling men vet inte alltid vad som bedöms${suffix}.`);
    contains('olika rutiner mellan arbetslagen');
    contains(priorityTitle);
    contains('medelvärde minst 3,0');
    for (const title of activities) contains(title);
    contains('Hur blev det? Uppföljning');
    expect(flat).toMatch(/Målet nått|Målet inte nått|Går inte att avgöra/);
    contains('Sambedömningen gav en gemensam bild av vad som bedöms.');
    if (info.project.name === 'desktop') await page.screenshot({ path: 'e2e/screenshots/quality-report.png', fullPage: false });
  });

  test('staff read their unit’s plan but cannot edit it', async ({ page }) => {
    await login(page, 'Anna Lindqvist', 'Mina skattningar');
    await page.getByRole('link', { name: 'Kvalitetsarbete' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vad ska vi prioritera?' })).toBeVisible();
    await page.getByRole('link', { name: new RegExp(`^Läs analys och plan Ekbackens skola, ${OLDEST_TERM} · Grundskola`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vart ska vi? Analys och utvecklingsplan' })).toBeVisible();
    await expect(page.getByText('Du kan läsa analysen och planen; rektorn och huvudmannanivån skriver dem.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lägg till prioritering' })).toHaveCount(0);
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

test('the organizer level sees all units’ priorities side by side', async ({ page }) => {
  await login(page, 'Maria Svensson');
  await page.goto('/kvalitetsarbete');
  await expect(page.getByRole('heading', { level: 1, name: 'Vad ska vi prioritera?' })).toBeVisible();
  const organizer = page.getByRole('region', { name: 'Huvudmannen' });
  await organizer.getByRole('link', { name: new RegExp(`^Analys och plan Huvudmannen, ${PREVIOUS_TERM} · Grundskola`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vart ska vi? Analys och utvecklingsplan' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Enheternas prioriteringar' })).toBeVisible();
  const areas = page.getByRole('region', { name: 'Områden som enheterna prioriterar' });
  await expect(areas.getByRole('row').nth(1)).toContainText('Bedömning och betyg');
  await expect(areas.getByRole('row').nth(1)).toContainText('Norrgårdsskolan');
  await expect(page.getByRole('region', { name: 'Svagheter utan prioritering' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Norrgårdsskolan' }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The organizer's quality report, with the organizer's own results and priority.
  await page.getByRole('link', { name: 'Kvalitetsrapport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kvalitetsrapport Exempelstad kommun' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Medelvärde per område' }).getByRole('rowheader', { name: 'Bedömning och betyg' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Likvärdig bedömning och betygssättning' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('two people writing the same analysis see both texts instead of overwriting each other', async ({ browser, baseURL }, info) => {
  const suffix = info.project.name;
  const open = async () => {
    const context = await browser.newContext({
      baseURL,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      ...(info.project.use.viewport ? { viewport: info.project.use.viewport } : {}),
    });
    const page = await context.newPage();
    await login(page, 'Erik Johansson', 'Mina enheter');
    await page.goto('/kvalitetsarbete');
    await page
      .getByRole('region', { name: 'Tallbackens skola' })
      .getByRole('link', { name: new RegExp(`^Analys och plan Tallbackens skola, ${OLDEST_TERM} · Grundskola`) })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vart ska vi? Analys och utvecklingsplan' })).toBeVisible();
    return { context, page };
  };
  const first = await open();
  const second = await open();
  await writeAndWaitSaved(first.page, 'Analys av helheten', `Första versionen (${suffix})`);

  const box = second.page.getByRole('textbox', { name: 'Analys av helheten' });
  await box.fill(`Andra versionen (${suffix})`);
  await box.blur();
  await expect(second.page.getByText(/^Texten har ändrats av Erik Johansson kl\. \d\d[:.]\d\d sedan du började skriva/)).toBeVisible();
  await expect(second.page.getByRole('textbox', { name: 'Din version' })).toHaveValue(`Andra versionen (${suffix})`);
  await expect(second.page.getByRole('textbox', { name: /^Sparad av Erik Johansson kl\./ })).toHaveValue(`Första versionen (${suffix})`);
  await expectNoAxeViolations(second.page);
  // Merge by editing the own version, then save it on top of the stored one.
  await second.page.getByRole('textbox', { name: 'Din version' }).fill(`Första versionen (${suffix}) och den andra`);
  await second.page.getByRole('button', { name: 'Spara min version' }).click();
  await expect(second.page.getByText(/^Sparat kl\. \d\d[:.]\d\d$/).first()).toBeVisible();
  await first.page.reload();
  await expect(first.page.getByRole('textbox', { name: 'Analys av helheten' })).toHaveValue(`Första versionen (${suffix}) och den andra`);
  await first.context.close();
  await second.context.close();
});
