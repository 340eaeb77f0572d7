import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OLDEST_TERM } from '../demo-terms.ts';
import { expectNoAxeViolations, login } from '../journey.ts';

test.describe('dashboards', () => {
  test('a rektor reads the own unit over time, filters, exports and prints', async ({ page }, info) => {
    await login(page, 'Erik Johansson', 'Mina enheter');
    await page.getByRole('link', { name: 'Resultat' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Områdesprofil' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Skolform/ })).toHaveValue('grundskola');
    await expect(page.getByText(/Svar \d+ av \d+ \(\d+\s%\)/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /^Styrkor/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /^Samtalsfrågor/ })).toBeVisible();

    // Filters live in the URL: choose the other closed round and one area, reload, same view.
    const roundSelect = page.getByRole('combobox', { name: /^Omgång/ });
    const options = await roundSelect.locator('option').allTextContents();
    const autumn = options.find((o) => o.startsWith(OLDEST_TERM));
    expect(autumn).toBeDefined();
    await roundSelect.selectOption({ label: autumn as string });
    await page.getByRole('combobox', { name: /^Område/ }).selectOption({ label: 'Bedömning och betyg' });
    await expect(page).toHaveURL(/omgang=.*omrade=grundskola\./);
    await page.reload();
    await expect(page.getByRole('combobox', { name: /^Område/ })).toHaveValue(/bedomning/);
    const indicatorRegion = page.getByRole('region', { name: 'Indikatorer' });
    await expect(indicatorRegion.getByRole('heading', { level: 3, name: 'Bedömning och betyg' })).toBeVisible();
    await expect(indicatorRegion.getByRole('heading', { level: 3, name: 'Normer och värden' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // A team: its own figures, with the team's agreed rating beside them.
    await page.getByRole('combobox', { name: /^Arbetslag/ }).selectOption({ label: 'Arbetslag 4–6' });
    await expect(page.getByText(/· Arbetslag 4–6/)).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Gemensam skattning' }).first()).toBeVisible();
    await page.getByRole('combobox', { name: /^Arbetslag/ }).selectOption({ label: 'Hela enheten' });

    // Export the indicator table as CSV for Swedish Excel and as .xlsx (downloads: desktop browser).
    if (info.project.name === 'desktop') {
      const indicators = page.getByRole('region', { name: 'Indikatorer' });
      const [csv] = await Promise.all([page.waitForEvent('download'), indicators.getByRole('button', { name: 'Ladda ner CSV' }).click()]);
      const text = readFileSync((await csv.path()) as string, 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('Område;Indikator;Svar (n);Vet ej');
      expect(text).toMatch(/Bedömning och betyg;[^;\r\n]+;\d+;\d+;/);
      expect(text).toMatch(/;\d+,\d+;/);
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        indicators.getByRole('button', { name: 'Ladda ner Excel' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(
        readFileSync((await xlsx.path()) as string)
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    }

    // The unit overview prints to a readable PDF.
    await page.getByRole('combobox', { name: /^Område/ }).selectOption({ label: 'Alla områden' });
    if (info.project.name === 'desktop') {
      await page.screenshot({ path: 'e2e/screenshots/unit-results.png', fullPage: false });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(20_000);
      await page.emulateMedia({ media: 'screen' });
    }
  });

  test('a rektor cannot open another rektor’s unit by editing the URL', async ({ page }) => {
    await login(page, 'Karin Holm', 'Mina enheter');
    await page.goto('/resultat');
    await page.getByRole('combobox', { name: /^Enhet/ }).selectOption({ label: 'Solrosens förskola' });
    await expect(page).toHaveURL(/enhet=/);
    const karinsUrl = page.url();
    await page.getByRole('button', { name: 'Logga ut' }).click();

    await login(page, 'Erik Johansson', 'Mina enheter');
    await page.goto(karinsUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
    await expect(page.getByText(/Solrosens förskola/)).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: /^Enhet/ })).not.toContainText('Solrosens');
  });

  test('the organizer level compares units in a heatmap and drills into a unit', async ({ page }, info) => {
    await login(page, 'Maria Svensson', 'Huvudmannens översikt');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Resultat' }).click();
    await page.getByRole('navigation', { name: 'Resultat' }).getByRole('link', { name: 'Jämför enheter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Var skiljer sig enheterna?' })).toBeVisible();
    await expect(page.getByText(/inte en rangordning/).first()).toBeVisible();
    const heatmap = page.getByRole('figure', { name: /Värmekarta/ });
    await expect(heatmap.locator('canvas').first()).toBeVisible();
    await page.getByRole('button', { name: 'Visa tabellen' }).or(page.getByText('Visa tabellen')).first().click();
    const table = page.getByRole('table', { name: /Medelvärde och antal svar/ });
    await expect(table.getByRole('row')).toHaveCount(7);
    await expect(table).toContainText('Norrgårdsskolan');
    await expectNoAxeViolations(page);
    if (info.project.name === 'desktop') await page.screenshot({ path: 'e2e/screenshots/compare-heatmap.png', fullPage: true });

    // Drill from a heatmap cell into that unit's results for the area.
    await heatmap.scrollIntoViewIfNeeded();
    await expect(async () => {
      const box = await heatmap.locator('canvas').first().boundingBox();
      if (!box) throw new Error('Värmekartan saknas');
      await page.mouse.click(box.x + box.width * 0.5, box.y + 30);
      await expect(page).toHaveURL(/\/resultat\?enhet=.*omrade=/, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
  });
});
