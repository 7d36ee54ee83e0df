import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { JoinResponse } from '@livelab/contracts';
import type { Browser, BrowserContext, LaunchOptions, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from './api-process';

/** Debian's Chromium (installed by scripts/bootstrap.sh); never a test tool's own browser download. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'artifacts', 'screenshots');

export interface LaunchedBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Closes the browser; throws if any page broke the apps' Content-Security-Policy meanwhile. */
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile (Playwright makes a new temporary one per launch), fake camera and
 * microphone, loopback WebRTC candidates allowed, and none of the background traffic this closed network refuses.
 */
export async function launchChromium(
  context: {
    viewport?: { width: number; height: number };
    locale?: string;
    isMobile?: boolean;
    /** A phone's pixel density (3 on a mid-range phone): the page paints 9× the pixels of 1. */
    deviceScaleFactor?: number;
  } = {},
  options: LaunchOptions = {},
): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
      // Every page stands for a separate phone or screen: none of them is a throttled background tab.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
    ...options,
  });
  const browserContext = await browser.newContext({
    viewport: context.viewport ?? { width: 1920, height: 1080 },
    locale: context.locale ?? 'zh-CN',
    isMobile: context.isMobile,
    ...(context.deviceScaleFactor ? { deviceScaleFactor: context.deviceScaleFactor } : {}),
  });
  // The api's CSP must fit the apps: a refused script, style, image, media or connection is a failure.
  const violations: string[] = [];
  browserContext.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy'))
      violations.push(`${message.location().url}: ${message.text()}`);
  });
  return {
    browser,
    context: browserContext,
    close: async () => {
      await browser.close();
      if (violations.length > 0)
        throw new Error(`Content-Security-Policy violations:\n${[...new Set(violations)].join('\n')}`);
    },
  };
}

/**
 * Pairs of words drawn over each other in the SVG charts under `scope` (legend entries, axis labels, marker
 * labels): each pair as "a × b". Boxes that meet by less than a pixel are not counted.
 */
export async function overlappingChartText(scope: Locator): Promise<string[]> {
  return scope.locator('svg text').evaluateAll((nodes) => {
    const boxes = nodes
      .filter((node) => (node.textContent ?? '').trim() !== '')
      .map((node) => ({ text: node.textContent!.trim(), box: node.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0);
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.box;
        const b = boxes[j]!.box;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) clashes.push(`${boxes[i]!.text} × ${boxes[j]!.text}`);
      }
    return clashes;
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * Opens the studio's live console as a staff member who joined with the staff code (`join`), the way the
 * studio remembers them: the identity is in local storage before the page loads, and after every reload.
 */
export async function openConsole(page: Page, baseUrl: string, join: JoinResponse): Promise<void> {
  const identity = {
    kind: 'staff',
    token: join.token,
    name: join.name,
    roomId: join.roomId,
    role: join.role,
  };
  await page.addInitScript(
    `localStorage.setItem('livelab.studio.identity', ${JSON.stringify(JSON.stringify(identity))})`,
  );
  await page.goto(baseUrl);
  await page.getByTestId('console').waitFor();
}
