import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Logs in as a demo persona through the demo login page. With a heading, waits for the start page's
 * level-one heading; without, waits until the demo login page is gone.
 */
export async function login(page: Page, name: string, heading?: string): Promise<void> {
  await page.goto('/logga-in');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  else await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Välj en demoperson');
}

/** The page has no WCAG 2.1 A/AA violations that axe can find. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
