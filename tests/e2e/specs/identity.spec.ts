import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.describe('login with the organizer’s identity provider', () => {
  test('a login through a provider that does not exist ends on the login page with what to do next', async ({ page }) => {
    await page.goto(`/auth/oidc/${crypto.randomUUID()}/start`);
    await expect(page).toHaveURL(/\/logga-in\?fel=unknown-provider$/);
    await expect(page.getByRole('alert')).toHaveText(/Den inloggningen finns inte längre\. Välj din organisation/);
    // The demo login is still there to use.
    await expect(page.getByRole('heading', { level: 1, name: 'Välj en demoperson' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Anna Lindqvist/ })).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(axe.violations).toEqual([]);
  });

  test('a way back from a provider without a login in progress is refused and explained', async ({ page }) => {
    await page.goto('/auth/oidc/callback?code=stulen-kod&state=gissad');
    await expect(page).toHaveURL(/\/logga-in\?fel=expired$/);
    await expect(page.getByRole('alert')).toHaveText(/tog för lång tid eller startades i en annan flik/);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Logga ut' })).toHaveCount(0);
  });

  test('someone who is not registered gets a plain page that says what to do, and a way back', async ({ page }) => {
    await page.goto(`/inte-registrerad?inloggning=${crypto.randomUUID()}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Du finns inte registrerad i Kvalitetshjulet' })).toBeVisible();
    await expect(page.getByText(/Be din rektor eller administratören/)).toBeVisible();
    const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(axe.violations).toEqual([]);
    const back = page.getByRole('link', { name: 'Till inloggningen' });
    const box = await back.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await back.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Välj en demoperson' })).toBeVisible();
  });
});
