import type { Page } from 'playwright-core';

/** Registers an account through the studio's sign-up form and waits for its home (zh-CN labels). */
export async function registerAccount(
  page: Page,
  baseUrl: string,
  account: { kind: 'instructor' | 'trainee'; name: string; username?: string },
): Promise<string> {
  const username = account.username ?? `${account.kind}${Date.now()}${Math.floor(Math.random() * 1000)}`;
  await page.goto(baseUrl);
  await page.getByRole('button', { name: '注册账号' }).click();
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('correct-horse-1');
  await page.locator('select[name="accountRole"]').selectOption(account.kind);
  await page.locator('input[name="name"]').fill(account.name);
  await page.getByRole('button', { name: '注册并登录' }).click();
  await page.getByTestId(account.kind === 'instructor' ? 'rooms' : 'trainee-home').waitFor();
  return username;
}

/** 下播 in the console, confirmed (the console asks once more: ending closes the room for good). */
export async function endStream(page: Page): Promise<void> {
  await page.getByRole('button', { name: '下播' }).click();
  await page.getByRole('button', { name: '确认下播' }).click();
}

/**
 * 开播 in the console. Without a passed pre-stream test the console asks first (仍然开播 / 先去测试, #17):
 * `anyway` answers it; the test says whether it expects the question.
 */
export async function goLive(page: Page, { anyway = false }: { anyway?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: '开播', exact: true }).click();
  if (anyway) await page.getByRole('button', { name: '仍然开播' }).click();
}

/**
 * Goes live past the pre-stream warning (a benchmark's demo picture or missing stream does not pass the test)
 * and returns once the console says the room is live: a bare click on 开播 only opens the warning.
 */
export async function goLiveAnyway(page: Page): Promise<void> {
  await goLive(page, { anyway: true });
  await page.locator('[data-testid="status"].status-live').waitFor({ timeout: 30_000 });
}
