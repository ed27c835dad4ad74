/**
 * What a local cloud needs to run inside a jsdom page test (so a page can call the real functions): Node's own
 * timers (the local cloud unrefs its timers; jsdom's return numbers) and the text codecs jsdom leaves out.
 * Import it first in such a test file, which also sets the docblock
 * `@jest-environment-options {"customExportConditions": ["node", "node-addons"]}` so packages load their Node builds.
 */
import timers from 'node:timers';
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, {
  setTimeout: timers.setTimeout,
  clearTimeout: timers.clearTimeout,
  setInterval: timers.setInterval,
  clearInterval: timers.clearInterval,
  setImmediate: timers.setImmediate,
  clearImmediate: timers.clearImmediate,
  TextEncoder,
  TextDecoder,
});
