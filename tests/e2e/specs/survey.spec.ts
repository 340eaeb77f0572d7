import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations, login } from '../journey.ts';

/** Each project answers as its own persona, so both can run against the same demo data. */
const personas = {
  desktop: { staff: 'Anna Lindqvist', unit: 'Ekbackens skola', rektor: 'Erik Johansson', form: /Grundskola/ },
  mobile: { staff: 'Lena Ek', unit: 'Solrosens förskola', rektor: 'Karin Holm', form: /Förskola/ },
} as const;

async function submittedCount(browser: Browser, rektor: string, unit: string, roundName: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, rektor);
  const table = page.getByRole('table', { name: /pågående omgångar/ });
  const row = table.getByRole('row').filter({ hasText: unit }).filter({ hasText: roundName });
  const cell = (await row.locator('td.num').first().textContent()) ?? '';
  await context.close();
  return Number(cell.split(' av ')[0]);
}

function choice(page: Page, question: number, step: string) {
  return page
    .locator('.sd-question')
    .nth(question)
    .getByRole('radio', { name: new RegExp(`^${step}`) });
}

/** Picks a step the way a person does: by its label (the radio itself is visually hidden). */
async function pick(page: Page, question: number, step: string) {
  await page
    .locator('.sd-question')
    .nth(question)
    .locator('label')
    .filter({ has: page.getByRole('radio', { name: new RegExp(`^${step}`) }) })
    .click();
}

test('a staff member answers, reloads, survives an outage, continues on a second device and submits exactly once', async ({
  page,
  browser,
}, info) => {
  const who = personas[info.project.name as keyof typeof personas];
  await login(page, who.staff);
  await expect(page.getByRole('heading', { level: 1, name: 'Mina skattningar' })).toBeVisible();
  await page
    .getByRole('link', { name: new RegExp(`^Börja: .*${who.form.source}`) })
    .first()
    .click();
  await expect(page.locator('.sd-page__title', { hasText: /^Område 1 av \d+:/ })).toBeVisible();
  const roundName = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const before = await submittedCount(browser, who.rektor, who.unit, roundName);
  await expectNoAxeViolations(page);

  // Answer half of the first area.
  await pick(page, 0, '3');
  await pick(page, 1, '2');
  await expect(page.getByText(/^Sparat kl\. \d\d:\d\d$/)).toBeVisible();

  // Reload: the answers are still there.
  await page.reload();
  await expect(choice(page, 0, '3')).toBeChecked();
  await expect(choice(page, 1, '2')).toBeChecked();

  // The network drops: the page says so, keeps the answers and saves them when it returns.
  await page.route('**/trpc/**', (route) => route.abort('internetdisconnected'));
  await pick(page, 2, 'Vet ej');
  await expect(page.getByText('Ingen anslutning')).toBeVisible();
  await page.unroute('**/trpc/**');
  await expect(page.getByText(/^Sparat kl\. \d\d:\d\d$/)).toBeVisible({ timeout: 15_000 });

  // A second device continues where the person was.
  const second = await browser.newContext(info.project.use);
  const other = await second.newPage();
  await login(other, who.staff);
  await other
    .getByRole('link', { name: /^Fortsätt: / })
    .first()
    .click();
  await expect(choice(other, 0, '3')).toBeChecked();
  await expect(choice(other, 1, '2')).toBeChecked();
  await expect(choice(other, 2, 'Vet ej')).toBeChecked();
  await other.getByRole('button', { name: 'Nästa område' }).click();
  await expect(other.locator('.sd-page__title', { hasText: /^Område 2 av \d+:/ })).toBeVisible();
  await pick(other, 0, '4');
  await other.getByRole('textbox').first().fill('Vi behöver tid för att prata ihop oss om det här.');
  await expect(other.getByText(/^Sparat kl\. \d\d:\d\d$/)).toBeVisible();

  // Go to the last area and submit, with a double click.
  while (await other.getByRole('button', { name: 'Nästa område' }).isVisible()) {
    await other.getByRole('button', { name: 'Nästa område' }).click();
  }
  await other.getByRole('button', { name: 'Skicka in' }).click();
  const dialog = other.getByRole('dialog', { name: 'Skicka in din skattning?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/\d+ av \d+ indikatorer är obesvarade/);
  await expectNoAxeViolations(other);
  await dialog.getByRole('button', { name: 'Skicka in' }).dblclick();
  await expect(other.getByRole('heading', { name: 'Tack! Din skattning är inskickad.' })).toBeVisible();
  await second.close();

  // The first device cannot submit again; the start page says it is submitted.
  await page.goto('/');
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: roundName })
      .getByText(/Inskickad \d+ \p{L}+ \d{4}/u),
  ).toBeVisible();
  const escaped = roundName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(page.getByRole('link', { name: new RegExp(`^(Börja|Fortsätt): ${escaped}$`) })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Tack! Din skattning är inskickad.' })).toBeVisible();

  expect(await submittedCount(browser, who.rektor, who.unit, roundName)).toBe(before + 1);
});
