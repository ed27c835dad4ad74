import { CLIENT_ERRORS, type ClientCode, type ErrorCode, messageFor } from '../shared/contract';

/** What every cloud function returns (shared/contract `Reply`), plus the client's own transport codes. */
export type { Reply } from '../shared/contract';
export { CLIENT_ERRORS };

import type { Reply } from '../shared/contract';

export const isOk = <T>(r: Reply<T>): r is { code: 0; data: T } => r.code === 0;

/** A sentence that says more in one place than the code's general one (e.g. which form field to fix). */
export type MessageOverrides = Partial<Record<ErrorCode | ClientCode, string>>;

/**
 * The zh-CN sentence for a failed reply: the code's sentence from the contract's one map (shared/contract/
 * errors.ts), or a place's more specific one. Never the server's message or the code itself: an unknown code
 * gets a general sentence.
 */
export function messageOf(r: { code: string | 0 }, overrides: MessageOverrides = {}): string {
  const code = typeof r.code === 'string' ? r.code : '';
  return (overrides as Record<string, string | undefined>)[code] ?? messageFor(code);
}
