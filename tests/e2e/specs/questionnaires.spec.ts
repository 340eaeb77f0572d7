import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from '../journey.ts';

test('the organizer copies the grundskola questionnaire, edits a statement, adds an indicator and publishes', async ({ page }, info) => {
  const statement = `Vi arbetar förebyggande så att alla elever och vuxna är trygga (${info.project.name}).`;
  const added = `Vi följer upp elevernas frånvaro varje månad (${info.project.name}).`;
  await login(page, 'Maria Svensson', 'Huvudmannens översikt');
  await page.getByRole('link', { name: 'Frågeformulär' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Frågeformulär' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The first run copies the standard; a later run (other viewport) starts a new draft from the own version.
  const grundskola = page.getByRole('region', { name: 'Grundskola', exact: true });
  await grundskola
    .getByRole('button', { name: /^(Kopiera och anpassa formuläret|Skapa ett nytt utkast) för grundskola$/ })
    .or(grundskola.getByRole('link', { name: 'Fortsätt redigera utkastet för grundskola' }))
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /utkast till version \d+$/ })).toBeVisible();
  const version = (await page.getByRole('heading', { level: 1 }).textContent())?.match(/version (\d+)$/)?.[1];

  const first = page.getByRole('group', { name: 'Indikator 1.1' });
  await first.getByLabel('Påstående').fill(statement);
  await expect(first).toContainText('Ändrad: får en ny nyckel');

  const area = page.getByRole('group', { name: /^Område 1:/ });
  await area.getByRole('button', { name: /^Lägg till indikator i / }).click();
  const newOne = area.getByRole('group', { name: /^Indikator 1\.\d+$/ }).last();
  await expect(newOne).toContainText('Ny indikator');
  await newOne.getByLabel('Påstående').fill(added);
  const criteria = [
    'Frånvaron följs inte upp.',
    'Frånvaron följs upp ibland.',
    'Frånvaron följs upp varje månad.',
    'Uppföljningen leder till åtgärder.',
  ];
  for (const [i, text] of criteria.entries()) await newOne.getByLabel(new RegExp(`^Kriterium steg ${i + 1}`)).fill(text);

  // Saving without evidence hints says what to do.
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await expect(page.getByRole('alert')).toContainText('ange ett till tre exempel på underlag');
  await newOne.getByLabel(/^Exempel på underlag/).fill('Frånvarostatistik');
  await page.getByRole('button', { name: 'Spara utkastet' }).click();
  await expect(page.getByText(/^Utkastet sparades kl\./)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Publicera som ny version' }).click();
  const dialog = page.getByRole('dialog', { name: `Publicera version ${version}?` });
  await expect(dialog).toContainText('Omgångar som redan har öppnats behåller sin version och sina resultat');
  await dialog.getByRole('button', { name: 'Publicera', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`– version ${version}$`) })).toBeVisible();
  await expect(page.getByText(statement)).toBeVisible();
  await expect(page.getByText(added)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Frågeformulär', exact: true }).first().click();
  await expect(page.getByRole('region', { name: 'Grundskola', exact: true })).toContainText(
    `Nya omgångar använder egen version ${version}.`,
  );
});

test('a rektor has no questionnaire menu and is refused the page', async ({ page }) => {
  await login(page, 'Erik Johansson', 'Mina enheter');
  await expect(page.getByRole('link', { name: 'Frågeformulär' })).toHaveCount(0);
  await page.goto('/formular');
  await expect(page.getByRole('alert')).toContainText('Du har inte behörighet till det här.');
});
