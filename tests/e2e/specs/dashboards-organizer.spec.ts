import { expect, test } from '@playwright/test';
import { OLDEST_TERM } from '../demo-terms.ts';
import { expectNoAxeViolations, login } from '../journey.ts';

test('the organizer level finds where support matters most, opens a unit and follows a trend', async ({ page }, info) => {
  await login(page, 'Maria Svensson', 'Huvudmannens översikt');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Resultat' }).click();
  await page.getByRole('navigation', { name: 'Resultat' }).getByRole('link', { name: 'Huvudmannens översikt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Var behövs stödet mest?' })).toBeVisible();
  await expect(page).toHaveURL(/\/resultat\/huvudman/);

  // Participation per unit and round, newest round first
  const participation = page.getByRole('region', { name: 'Deltagande per enhet och omgång' });
  await expect(participation.getByRole('columnheader', { name: /· Grundskola/ }).first()).toBeVisible();
  await expect(participation.getByRole('row', { name: /Norrgårdsskolan/ })).toContainText(/\d+ av \d+ \(\d+\s%\)/);

  // The weakest areas with n and interval, and the needs in words
  await expect(page.getByRole('heading', { name: 'Svagaste områdena hos huvudmannen' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Områden, svagast först' }).getByRole('row')).not.toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Var stödet kan göra mest nytta' })).toBeVisible();
  const needs = page.locator('.needs-list');
  await expect(needs.getByRole('link', { name: 'Norrgårdsskolan', exact: true })).toBeVisible();
  await expect(needs).toContainText('Bedömning och betyg');
  await expect(needs).toContainText(/Lägre än kommunens nivå: \d,\d mot \d,\d \(n = \d+\)/);
  await expect(page.getByRole('button', { name: 'Ladda ner CSV' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  if (info.project.name === 'desktop') await page.screenshot({ path: 'e2e/screenshots/organizer-overview.png', fullPage: true });

  // Follow a link into the unit
  await needs.getByRole('link', { name: 'Norrgårdsskolan', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hur ligger vi till?' })).toBeVisible();
  await expect(page).toHaveURL(/enhet=.*skolform=grundskola.*omgang=/);
  await expect(page.getByText(/Norrgårdsskolan: självskattningen/)).toBeVisible();

  // Trends: an area for a unit, chart and table
  await page.getByRole('navigation', { name: 'Resultat' }).getByRole('link', { name: 'Trender' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hur har det utvecklats?' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Exempelstad kommun \(huvudmannen\)/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Område eller indikator' }).selectOption({ label: 'Bedömning och betyg' });
  await expect(page.getByRole('heading', { level: 2, name: /: Bedömning och betyg$/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'Enhet', exact: true }).selectOption({ label: 'Norrgårdsskolan' });
  await expect(page.getByRole('heading', { level: 2, name: 'Norrgårdsskolan: Bedömning och betyg' })).toBeVisible();
  await expect(page).toHaveURL(/omrade=.*enhet=|enhet=.*omrade=/);
  await expect(page.getByRole('figure', { name: /Linjediagram: Bedömning och betyg/ })).toBeVisible();
  const table = page.getByRole('region', { name: 'Utvecklingen i tabellform' });
  await expect(table.getByRole('row', { name: new RegExp(OLDEST_TERM) })).toContainText(/\d,\d/);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expectNoAxeViolations(page);
  if (info.project.name === 'desktop') await page.screenshot({ path: 'e2e/screenshots/trends.png', fullPage: true });
});
