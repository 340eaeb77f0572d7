import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from '../journey.ts';

/** Today in Sweden, as the server sees it. */
function todayPlus(days: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('the organizer views the annual cycle and creates a round from a previous one', async ({ page }, info) => {
  const name = `Årshjulstest ${info.project.name}`;
  await login(page, 'Maria Svensson', 'Huvudmannens översikt');
  await page.getByRole('link', { name: 'Årshjul' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Årshjul' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Omgångar läsåret/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The bars are buttons: reachable by keyboard, and they show the round's details.
  const bar = page.getByRole('button', { name: /· Grundskola, .*, öppen$/ }).first();
  await bar.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /^Vald omgång: .* · Grundskola$/ });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Ekbackens skola');

  // The open grundskola round, repeated a year later.
  const openRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Grundskola', exact: true }) })
    .filter({ has: page.getByRole('cell', { name: 'Öppen', exact: true }) })
    .first();
  const previousName = (await openRow.getByRole('rowheader').textContent()) ?? '';
  await openRow.getByRole('link', { name: /^Skapa utifrån denna: / }).click();

  const form = page.getByRole('region', { name: 'Öppna en ny omgång' });
  await expect(form).toContainText(`Ifyllt utifrån ${previousName}`);
  await expect(form.getByLabel('Skolform')).toHaveValue('grundskola');
  const year = Number(previousName.match(/\d{4}/)?.[0]);
  await expect(form.getByLabel('Namn')).toHaveValue(previousName.replace(String(year), String(year + 1)));
  await expect(form.getByRole('checkbox', { name: 'Ekbackens skola' })).toBeChecked();
  const opensOn = await form.getByLabel('Öppnar').inputValue();
  expect(opensOn.slice(0, 4)).toBe(String(year + 1));
  await expectNoAxeViolations(page);

  // Same weekdays instead: 52 weeks later.
  await form.getByLabel('Flytta datumen').selectOption({ label: '52 veckor senare, samma veckodagar' });
  await expect(form.getByLabel('Öppnar')).not.toHaveValue(opensOn);
  const weekdayOpens = await form.getByLabel('Öppnar').inputValue();
  expect(new Date(`${weekdayOpens}T00:00:00Z`).getUTCDay()).toBe(
    new Date(`${opensOn}T00:00:00Z`).getUTCDay() === 0 ? 6 : (new Date(`${opensOn}T00:00:00Z`).getUTCDay() + 6) % 7,
  );

  await form.getByLabel('Namn').fill(name);
  await form.getByRole('button', { name: 'Öppna omgången' }).click();
  await expect(form.getByText('Omgången är öppnad.')).toBeVisible();

  await page.getByRole('link', { name: 'Årshjul' }).click();
  await page.getByRole('button', { name: 'Nästa år' }).click();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Öppnar snart');
});

test('staff see a reminder for an open round they have not submitted, and the rektor sees only counts', async ({ page }, info) => {
  const name = `Påminnelse ${info.project.name}`;
  await login(page, 'Erik Johansson', 'Mina enheter');
  await page.getByRole('link', { name: 'Skattningsomgångar' }).click();
  const form = page.getByRole('region', { name: 'Öppna en ny omgång' });
  await form.getByLabel('Skolform').selectOption({ label: 'Grundskola' });
  await form.getByLabel('Namn').fill(name);
  await form.getByLabel('Öppnar').fill(todayPlus(0));
  await form.getByLabel('Stänger').fill(todayPlus(5));
  await form.getByRole('checkbox', { name: 'Ekbackens skola' }).check();
  await form.getByRole('button', { name: 'Öppna omgången' }).click();
  await expect(form.getByText('Omgången är öppnad.')).toBeVisible();
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
  await expect(card).toContainText(/\d+ av \d+ har inte svarat/);
  await expect(card.getByRole('row', { name: /Ekbackens skola/ })).toHaveText(/^Ekbackens skola0 av (\d+).*\1 av \1$/);

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'Anna Lindqvist', 'Mina skattningar');
  const reminders = page.getByRole('region', { name: 'Påminnelser' });
  await expect(reminders).toContainText(`Skattningen ${name} stänger om 5 dagar. Du har inte skickat in ännu.`);
  await expectNoAxeViolations(page);
  await reminders.getByRole('link', { name: `Börja nu: ${name}` }).click();
  await expect(page).toHaveURL(/\/skattning\//);
});
