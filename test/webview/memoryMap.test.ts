/**
 * The memory-map webview script in headless Chromium with synthetic data: the same
 * HTML (CSP, nonce) the extension serves, a fake `acquireVsCodeApi` answering cell
 * requests from a one-million-page guest, and checks on what is drawn and shown.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, Browser, Page } from 'playwright-core';
import { memoryMapHtml } from '../../extension/webview/memoryMapHtml';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'dist/webview/memoryMap.js');
const CHROMIUM = '/usr/bin/chromium';
const skip = !fs.existsSync(CHROMIUM) ? 'Debian chromium is not installed (apt-get install chromium)' : false;

let server: http.Server;
let browser: Browser;
let base = '';

/**
 * Runs in the page before the script: a fake VS Code API backed by a synthetic
 * guest — RAM of 1,048,576 pages at 0x80000000 where pages [0, 4096) are guest-private,
 * page 5000 is shared and host-mapped with PRIVATE cleared, page 5001 is NOT_MAPPABLE and
 * changed, and a 16-page MMIO window — and a log of every message the script posts.
 */
function fakeVsCode(): void {
  const w = window as unknown as Record<string, unknown>;
  const posted: unknown[] = [];
  w.__posted = posted;
  const RAM_PAGES = 1 << 20;
  const ram = new Uint8Array(RAM_PAGES).fill(2); // not faulted
  for (let p = 0; p < 4096; p++) ram[p] = 4 | 0x10 | 0x20; // guest-private, NOT_MAPPABLE, PRIVATE
  ram[5000] = 5 | 0x80; // shared, host-mapped
  ram[5001] = 4 | 0x10 | 0x40; // private, NOT_MAPPABLE, changed
  const mmio = new Uint8Array(16).fill(1);
  const regions = [ram, mmio];
  const summarise = (pages: Uint8Array, stride: number, first: number, count: number): Uint8Array => {
    const prio = [0, 1, 2, 3, 5, 7, 6, 4, 8, 9, 10];
    const out = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      let acc = -1;
      for (let p = (first + k) * stride; p < Math.min((first + k + 1) * stride, pages.length); p++) {
        const v = pages[p];
        if (acc < 0) acc = v;
        else {
          const cat = prio[v & 15] > prio[acc & 15] ? v & 15 : acc & 15;
          acc = ((acc | v) & ~15) | cat;
        }
      }
      out[k] = acc < 0 ? 0 : acc;
    }
    return out;
  };
  const send = (msg: unknown): void => {
    setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: msg })), 0);
  };
  w.__send = send;
  w.acquireVsCodeApi = () => ({
    postMessage(msg: { type: string; region: number; stride: number; firstCell: number; count: number; ipa: number }) {
      posted.push(msg);
      if (msg.type === 'ready') {
        send({ type: 'session', session: { id: 's1', name: 'guest.S' } });
        send({
          type: 'layout',
          pageSize: 4096,
          regions: [
            { name: 'RAM (slot 0, guest_memfd)', base: 0x80000000, pages: RAM_PAGES, kind: 'ram' },
            { name: 'PL011 UART', base: 0x09000000, pages: 16, kind: 'mmio' },
          ],
        });
      } else if (msg.type === 'requestCells') {
        send({ type: 'cells', region: msg.region, stride: msg.stride, firstCell: msg.firstCell, cells: summarise(regions[msg.region], msg.stride, msg.firstCell, msg.count) });
      } else if (msg.type === 'requestDetails') {
        send({ type: 'details', ipa: msg.ipa, fields: [{ label: 'guest state', value: 'SHARED_OWNED' }], history: [{ at: 'vCPU0 #120', text: 'MEM_SHARE → SUCCESS' }] });
      }
    },
    getState: () => undefined,
    setState: () => undefined,
  });
}

before(async () => {
  if (skip) return;
  const nonce = 'n0nce4test';
  const html = memoryMapHtml({ scriptUri: '/memoryMap.js', cspSource: '', nonce });
  server = http.createServer((req, res) => {
    if (req.url === '/memoryMap.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(SCRIPT));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openMap(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(fakeVsCode);
  await page.goto(base);
  await page.waitForFunction(() => Number((document.getElementById('map') as HTMLCanvasElement).dataset.drawn ?? 0) > 1);
  return { page, errors };
}

/** Colour of the canvas pixel at canvas CSS coordinates (x, y). */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(([px, py]) => {
    const c = document.getElementById('map') as HTMLCanvasElement;
    const dpr = window.devicePixelRatio || 1;
    return Array.from(c.getContext('2d')!.getImageData(Math.round(px * dpr), Math.round(py * dpr), 1, 1).data);
  }, [x, y]);
}

/** Canvas geometry as the script last drew it. */
async function geometry(page: Page): Promise<{ left: number; top: number; scrollTop: number; columns: number }> {
  return page.evaluate(() => {
    const c = document.getElementById('map') as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    return { left: r.left, top: r.top, scrollTop: Number(c.dataset.scrollTop), columns: Number(c.dataset.columns) };
  });
}

test('renders a one-million-page guest as an overview with a legend and no CSP errors', { skip }, async () => {
  const { page, errors } = await openMap();
  assert.equal(await page.locator('body.no-session').count(), 0);
  assert.match((await page.locator('#zoomLabel').textContent()) ?? '', /pages per cell/);
  assert.ok((await page.locator('#legend li').count()) >= 10);
  // The first cell covers guest-private pages: it must be drawn in the private colour, not the background.
  const first = await pixel(page, 1, 23);
  const bg = await pixel(page, 880, 590);
  assert.notDeepEqual(first, bg);
  // Requests were tiled: the overview did not ask for a million single pages.
  const posted = (await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; stride: number }> }).__posted)).filter((m) => m.type === 'requestCells');
  assert.ok(posted.length > 0 && posted.every((m) => m.stride > 1));
  assert.deepEqual(errors, []);
  await page.close();
});

test('hover describes the IPA range and state; click zooms into a summary cell and pins details', { skip }, async () => {
  const { page } = await openMap();
  const g = await geometry(page);
  await page.mouse.move(g.left + 2, g.top + 24);
  const tip = (await page.locator('#tooltip').textContent()) ?? '';
  assert.match(tip, /IPA 0x80000000–/);
  assert.match(tip, /guest-private/);
  await page.mouse.click(g.left + 2, g.top + 24);
  await page.waitForSelector('#details.open h3');
  assert.equal(await page.locator('#details h3').textContent(), 'Page 0x80000000');
  assert.match((await page.locator('#details').textContent()) ?? '', /MEM_SHARE → SUCCESS/);
  assert.equal(await page.locator('#zoomLabel').textContent(), '1 page per cell');
  await page.click('#breakOnPage');
  const posted = await page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; ipa?: number }> }).__posted);
  assert.ok(posted.some((m) => m.type === 'breakOnPage' && m.ipa === 0x80000000));
  await page.close();
});

test('keyboard: arrows move a cursor announced for screen readers, Enter pins, 0 returns to overview', { skip }, async () => {
  const { page } = await openMap();
  await page.focus('#map');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  const announced = (await page.locator('#announce').textContent()) ?? '';
  assert.match(announced, /^IPA 0x8/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details.open');
  await page.keyboard.press('0');
  assert.match((await page.locator('#zoomLabel').textContent()) ?? '', /pages per cell/);
  await page.close();
});

test('single-page zoom shows the shared page and the changed, NOT_MAPPABLE page distinctly', { skip }, async () => {
  const { page } = await openMap();
  await page.focus('#map');
  for (let k = 0; k < 8; k++) await page.keyboard.press('+'); // largest zoom: 22 px cells, pitch 23
  let g = await geometry(page);
  const pitch = 23;
  const cellY = (p: number): number => 22 + Math.floor(p / g.columns) * pitch + 11 - g.scrollTop;
  const cellX = (p: number): number => (p % g.columns) * pitch + 11;
  await page.mouse.move(g.left + 400, g.top + 300);
  await page.mouse.wheel(0, Math.floor(5000 / g.columns) * pitch - 200);
  await page.waitForFunction((st) => Number((document.getElementById('map') as HTMLCanvasElement).dataset.scrollTop) !== st, g.scrollTop);
  await page.waitForTimeout(50);
  g = await geometry(page);
  const shared = await pixel(page, cellX(5000), cellY(5000));
  const priv = await pixel(page, cellX(4095), cellY(4095));
  const notFaulted = await pixel(page, cellX(5005), cellY(5005));
  assert.notDeepEqual(shared, priv);
  assert.notDeepEqual(shared, notFaulted);
  await page.mouse.move(g.left + cellX(5001), g.top + cellY(5001));
  const tip = (await page.locator('#tooltip').textContent()) ?? '';
  assert.match(tip, /IPA 0x81389000–0x81389fff/);
  assert.match(tip, /NOT_MAPPABLE/);
  assert.match(tip, /changed/);
  await page.close();
});

test('theme change repaints with the new colours', { skip }, async () => {
  const { page } = await openMap();
  const before1 = await pixel(page, 1, 23);
  await page.evaluate(() => {
    document.body.style.setProperty('--vscode-charts-purple', '#00ff00');
    document.body.className = 'vscode-light';
  });
  await page.waitForFunction(() => true);
  await page.waitForTimeout(100);
  const after1 = await pixel(page, 1, 23);
  assert.notDeepEqual(before1, after1);
  assert.deepEqual(after1.slice(0, 3), [0, 255, 0]);
  await page.close();
});

test('with no session the view shows the empty state', { skip }, async () => {
  const { page } = await openMap();
  await page.evaluate(() => (window as unknown as { __send(m: unknown): void }).__send({ type: 'session', session: null }));
  await page.waitForSelector('body.no-session');
  assert.ok(await page.locator('#empty').isVisible());
  await page.close();
});

