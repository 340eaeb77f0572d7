import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const personas = [
  { name: 'Anna Lindqvist', heading: 'Mina skattningar', sees: /· Grundskola/ },
  { name: 'Erik Johansson', heading: 'Mina enheter', sees: /Ekbackens skola/ },
  { name: 'Maria Svensson', heading: 'Huvudmannens översikt', sees: /Enheter per skolform/ },
  { name: 'Sara Nilsson', heading: 'Administration', sees: /Anonymitetsgräns/ },
  { name: 'Per Bäck', heading: 'Mina enheter', sees: /Bäckaskolan/ },
];

test.describe('demo login', () => {
  test('lists the demo personas by name and role', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Välj en demoperson' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Exempelstad kommun' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Stiftelsen Bäckaskolan' })).toBeVisible();
    for (const p of personas) await expect(page.getByRole('button', { name: new RegExp(p.name) })).toBeVisible();
    await expect(page.getByRole('button', { name: /Erik Johansson.*Rektor/ })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations).toEqual([]);
  });

  for (const p of personas) {
    test(`${p.name} lands on the start page of the role`, async ({ page }) => {
      await page.goto('/logga-in');
      await page.getByRole('button', { name: new RegExp(p.name) }).click();
      await expect(page.getByRole('heading', { level: 1, name: p.heading })).toBeVisible();
      await expect(page.getByText(p.sees).first()).toBeVisible();
      await expect(page.getByRole('banner').getByText(p.name)).toBeVisible();
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations).toEqual([]);
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Välj en demoperson' })).toBeVisible();
    });
  }

  test('an unknown address says the page does not exist', async ({ page }) => {
    await page.goto('/finns-inte');
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
  });
});
