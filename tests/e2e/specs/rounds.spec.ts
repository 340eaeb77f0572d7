import { expect, test } from '@playwright/test';
import { OPEN_TERM, PREVIOUS_TERM } from '../demo-terms.ts';
import { expectNoAxeViolations, login } from '../journey.ts';

test('a team lead records the team’s consensus rating and the rektor sees it', async ({ page }, info) => {
  const reason = `Vi har gemensamma rutiner men följer inte upp dem (${info.project.name}).`;
  await login(page, 'Anna Lindqvist', 'Mina skattningar');
  const section = page.getByRole('region', { name: 'Gemensam skattning i ditt arbetslag' });
  await section.getByRole('link', { name: `Arbetslag 4–6 · ${OPEN_TERM}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gemensam skattning – Arbetslag 4–6' })).toBeVisible();
  await expectNoAxeViolations(page);

  const first = page.getByRole('article').first();
  await first.getByRole('radio', { name: /^3 Etablerat/ }).check();
  await first.getByLabel('Motivering').fill(reason);
  await first.getByRole('button', { name: 'Spara gemensam skattning' }).click();
  await expect(first.getByText(/Senast ändrad av Anna Lindqvist/)).toBeVisible();

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await login(page, 'Erik Johansson', 'Mina enheter');
  await page.getByRole('link', { name: 'Skattningsomgångar' }).click();
  const round = page.getByRole('article').filter({ has: page.getByRole('heading', { name: `${OPEN_TERM} · Grundskola` }) });
  await round.getByRole('button', { name: 'Visa arbetslagen' }).click();
  await round.getByRole('link', { name: 'Öppna för Arbetslag 4–6 på Ekbackens skola' }).click();
  const same = page.getByRole('article').first();
  await expect(same.getByLabel('Motivering')).toHaveValue(reason);
  await expect(same.getByRole('radio', { name: /3 Etablerat/ })).toBeChecked();
});

test('a team below the anonymity threshold sees why its distribution is hidden', async ({ page }) => {
  await login(page, 'Maria Svensson', 'Huvudmannens översikt');
  await page.getByRole('link', { name: 'Skattningsomgångar' }).click();
  const round = page.getByRole('article').filter({ has: page.getByRole('heading', { name: `${PREVIOUS_TERM} · Anpassad grundskola` }) });
  await round.getByRole('button', { name: 'Visa arbetslagen' }).click();
  await round.getByRole('link', { name: 'Öppna för Arbetslag 7–9 på Kastanjeskolan' }).click();
  await expect(page.getByText(/Fördelningen visas när minst 5 i arbetslaget har skickat in sin skattning/)).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('a rektor opens a round for the own unit, follows it and closes it early', async ({ page }, info) => {
  const name = `Extra uppföljning ${info.project.name}`;
  await login(page, 'Erik Johansson', 'Mina enheter');
  await page.getByRole('link', { name: 'Skattningsomgångar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Skattningsomgångar' })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByRole('region', { name: 'Öppna en ny omgång' });
  await form.getByLabel('Skolform').selectOption({ label: 'Förskoleklass' });
  await form.getByLabel('Namn').fill(name);
  await form.getByRole('checkbox', { name: 'Tallbackens skola' }).check();
  await form.getByRole('button', { name: 'Öppna omgången' }).click();
  await expect(form.getByText('Omgången är öppnad.')).toBeVisible();

  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name }) });
  await expect(card).toContainText('Öppen');
  await expect(card.getByRole('row', { name: /Tallbackens skola/ })).toContainText('0 av');
  await card.getByRole('button', { name: 'Stäng omgången nu' }).click();
  await card.getByRole('button', { name: 'Stäng omgången', exact: true }).click();
  await expect(page.getByRole('article').filter({ has: page.getByRole('heading', { name }) })).toContainText('stängd i förtid');
});
