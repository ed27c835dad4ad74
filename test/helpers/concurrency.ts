/**
 * N truly concurrent invocations through the local cloud's host: every call starts in the same turn of
 * the event loop, runs the function's real code with the real wx-server-sdk, and every database request
 * it makes is a round trip during which the other invocations run (as separate CloudBase instances do).
 * A jittered latency (default 0–3 ms per request) varies the interleaving from run to run, so a
 * check-then-act race shows up instead of hiding behind one lucky order.
 */
import type { LocalCloud } from '../../scripts/local-cloud/cloud';
import type { Identity } from '../../scripts/local-cloud/context';
import { parseLatency } from '../../scripts/local-cloud/profile';

export type ConcurrentCall = { name: string; data: unknown; openid?: string; source?: Identity['source'] };
export type Outcome =
  | { ok: true; result: unknown; ms: number; call: ConcurrentCall }
  | { ok: false; error: { code: string; message: string }; ms: number; call: ConcurrentCall };

export type ConcurrentOptions = {
  /** Round trip per database request during the run: "2", "0-3" (default) or null for one event-loop turn. */
  latency?: string | null;
};

/**
 * Runs `n` invocations at once (`make(i)` describes the i-th) and resolves, when all have settled, to
 * each one's outcome in order. Failures are outcomes (with the CloudBase code), never a rejection.
 */
export async function invokeConcurrently(
  cloud: LocalCloud,
  n: number,
  make: (i: number) => ConcurrentCall,
  opts: ConcurrentOptions = {},
): Promise<Outcome[]> {
  const calls = Array.from({ length: n }, (_v, i) => make(i));
  const saved = cloud.latency;
  cloud.latency = opts.latency === null ? null : parseLatency(opts.latency ?? '0-3');
  try {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const runs = calls.map(async (call): Promise<Outcome> => {
      await gate;
      const t0 = performance.now();
      try {
        const result = await cloud.host.invoke(call.name, call.data, { source: call.source ?? 'wx_client', openid: call.openid });
        return { ok: true, result, ms: performance.now() - t0, call };
      } catch (e) {
        const err = e as { code?: string; message?: string };
        return { ok: false, error: { code: err.code ?? 'UNKNOWN', message: err.message ?? String(e) }, ms: performance.now() - t0, call };
      }
    });
    release();
    return await Promise.all(runs);
  } finally {
    cloud.latency = saved;
  }
}

/** Outcomes counted by result: `ok`, or the error code. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.ok ? 'ok' : o.error.code;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
