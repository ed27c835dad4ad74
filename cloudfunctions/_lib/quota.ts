/**
 * CloudBase refuses a request over the plan's quota instead of queueing it: too many database requests in
 * the second (`EXCEED_REQUEST_LIMIT`, wx-server-sdk errCode -501003) or too many at once: database
 * connections or concurrent executions of a function (`EXCEED_CONCURRENT_REQUEST_LIMIT`, -501004).
 * Such a refusal did nothing, so the request may be sent again after a pause.
 */
const QUOTA_CODES = new Set(['EXCEED_REQUEST_LIMIT', 'EXCEED_CONCURRENT_REQUEST_LIMIT', -501003, -501004, '-501003', '-501004']);

/** Whether an error is CloudBase refusing a request over quota (safe to retry: nothing was done). */
export function isQuotaError(e: unknown): boolean {
  const err = e as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (QUOTA_CODES.has(err.code as never) || QUOTA_CODES.has(err.errCode as never)) return true;
  return /EXCEED_(CONCURRENT_)?REQUEST_LIMIT|exceed (concurrent )?request limit|-50100[34]/.test(String(err.errMsg ?? err.message ?? ''));
}

export type QuotaRetryOptions = {
  /** Tries in all (default 8). */
  attempts?: number;
  /** First pause in ms (default 50); each retry doubles it, up to `maxMs`, with full jitter. */
  baseMs?: number;
  maxMs?: number;
  /** Stop retrying once this instant (ms since the epoch) would be passed, e.g. the function's deadline. */
  deadline?: number;
  /** Called before each pause (for figures). */
  onRetry?: (attempt: number, e: unknown) => void;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn`, and when CloudBase refuses it for quota, waits (exponential backoff with full jitter, so
 * refused callers do not all come back in the same instant) and runs it again. Any other error, or the
 * last refusal, is thrown as it came. Use it around one request or one idempotent step, never around a
 * step that may have half-written.
 */
export async function withQuotaRetry<T>(fn: () => Promise<T>, opts: QuotaRetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseMs ?? 50;
  const max = opts.maxMs ?? 2000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isQuotaError(e) || attempt >= attempts) throw e;
      const wait = Math.random() * Math.min(max, base * 2 ** (attempt - 1));
      if (opts.deadline !== undefined && Date.now() + wait >= opts.deadline) throw e;
      opts.onRetry?.(attempt, e);
      await pause(wait);
    }
  }
}

/**
 * Runs `fn` over `items` with at most `limit` in flight (size it to the plan: below its database connections),
 * each item retried on quota refusals. Results in the items' order.
 */
export async function mapWithQuota<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<R>,
  opts: QuotaRetryOptions = {},
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await withQuotaRetry(() => fn(items[i]), opts);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
