/**
 * What page tests on the real backend share: waiting for the real functions to answer, reading elements by their
 * class (simulate prefixes them with `main--`), downloading a file the page opened from the local cloud's storage,
 * and a sim backend that calls the in-process local cloud as one WeChat user.
 */
import http from 'node:http';
import type { Cloud } from '../../cloudfunctions/fixtures';
import { flush } from './sim';

// biome-ignore lint/suspicious/noExplicitAny: simulate's wrappers are untyped
type El = any;

/** `rounds` turns of flushing setData and letting the local cloud's requests (timers, sockets) run. */
export async function settle(rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await flush();
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Flushes until `done()` holds (at most `max` rounds); for pages on a spawned local cloud. */
export async function settleUntil(done: () => boolean, max = 200): Promise<void> {
  for (let i = 0; i < max && !done(); i++) await flush(2);
}

/** The body at `url` (a signed URL of the local cloud's storage). */
export const download = (url: string): Promise<Buffer> =>
  new Promise<Buffer>((resolve, reject) =>
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
      .on('error', reject),
  );

/** Every element of class `cls` under `el` (a rendered page or an element). */
export const all = (el: El, cls: string): El[] => Array.from((el.dom ?? el).querySelectorAll(`.main--${cls}`));
/** The first element of class `cls`, or null. */
export const one = (el: El, cls: string): El | null => (el.dom ?? el).querySelector(`.main--${cls}`);
/** The trimmed text of the first element of class `cls` ('' when absent). */
export const textOf = (el: El, cls: string): string => (one(el, cls)?.textContent ?? '').trim();
/** The same text with every space removed (for lines WXML breaks across text nodes). */
export const compactText = (el: El, cls: string): string => (one(el, cls)?.textContent ?? '').replace(/\s+/g, '');

/** A sim backend that calls the real functions of an in-process local cloud as `openid`. */
export const invokeAs =
  (cloud: () => Cloud, openid: string) =>
  (name: string, action: string, payload: Record<string, unknown>): Promise<unknown> =>
    cloud().host.invoke(name, { action, payload }, { source: 'wx_client', openid });
