// Renders media/icon.svg to media/icon.png (128x128) with headless Chromium, so the icon is drawn
// from source in this repository and can be redrawn after an edit: npm run icon
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const svg = readFileSync(`${root}media/icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: `${root}media/icon.png`, omitBackground: true });
await browser.close();
console.log('media/icon.png written');
