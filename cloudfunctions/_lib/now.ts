import { randomBytes } from 'node:crypto';

/**
 * The current instant. Read through `Date.now()` (not `new Date()`) so integration tests can move time with
 * `jest.spyOn(Date, 'now')` while the real SDK and local cloud keep running; the domain takes `now` from here.
 */
export const now = (): Date => new Date(Date.now());

/**
 * A new document id that sorts by creation time: 12 hex digits of milliseconds then 16 random hex digits (passes
 * the shared `Id` schema). Not the local cloud's `autoDocId`, which stands in for CloudBase's own random ids.
 */
export const timeOrderedId = (at: Date = now()): string => at.getTime().toString(16).padStart(12, '0') + randomBytes(8).toString('hex');
