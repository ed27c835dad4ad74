/**
 * Cloud profiles: the limits of a CloudBase plan, which the local cloud enforces the way the platform
 * does (refusing over-quota calls with its own error codes), and the network round trip each database
 * request costs there. Off by default (tests run unlimited and with no latency); benches turn them on.
 *
 * Figures (check them again before relying on them; see README "Cloud profiles"):
 * - `basic`: WeChat's cloud-development quota page for the basic plan (基础版 1): a single cloud function
 *   runs at most 20 concurrent requests, the database takes 30 requests per second (QPS) and 20
 *   concurrent connections (同时连接数; one request holds one connection while it is served).
 * - `standard`: pay-as-you-go / prepaid plans: 1000 concurrent executions per function (WeChat's answer
 *   for both), 100 database connections (专业版 1's 同时连接数) and no per-second request limit stated.
 *
 * The error codes are CloudBase's (wx-server-sdk maps them to errCode -501003 and -501004).
 */
export type CloudProfile = {
  name: string;
  /** Concurrent executions of one function; null for no limit. */
  functionConcurrency: number | null;
  /** Database requests in flight at once (connections); null for no limit. */
  dbConnections: number | null;
  /** Database requests per rolling second; null for no limit. */
  dbQps: number | null;
};

export const PROFILES: Record<string, CloudProfile> = {
  none: { name: 'none', functionConcurrency: null, dbConnections: null, dbQps: null },
  basic: { name: 'basic', functionConcurrency: 20, dbConnections: 20, dbQps: 30 },
  standard: { name: 'standard', functionConcurrency: 1000, dbConnections: 100, dbQps: null },
};

/** CloudBase's codes for over-quota calls. */
export const QUOTA_CODES = {
  /** Too many requests in the period (QPS): wx-server-sdk errCode -501003. */
  rate: 'EXCEED_REQUEST_LIMIT',
  /** Too many at once (function concurrency, database connections): errCode -501004. */
  concurrency: 'EXCEED_CONCURRENT_REQUEST_LIMIT',
} as const;

/** A round trip: a fixed time, or a range from which each request draws uniformly. */
export type Latency = { minMs: number; maxMs: number };

/** Parses `LOCAL_CLOUD_LATENCY_MS`: "8" or "5-12" (milliseconds); empty or "0" for none. */
export function parseLatency(text: string | undefined): Latency | null {
  if (!text || text.trim() === '' || text.trim() === '0') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$/.exec(text);
  if (!m) throw new Error(`LOCAL_CLOUD_LATENCY_MS must be "<ms>" or "<min>-<max>", got "${text}"`);
  const minMs = Number(m[1]);
  const maxMs = m[2] === undefined ? minMs : Number(m[2]);
  if (maxMs < minMs) throw new Error(`LOCAL_CLOUD_LATENCY_MS: ${maxMs} < ${minMs}`);
  return { minMs, maxMs };
}

/** The profile named by `LOCAL_CLOUD_PROFILE` (default none), with `LOCAL_CLOUD_*` overrides. */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): CloudProfile {
  const name = env.LOCAL_CLOUD_PROFILE || 'none';
  const base = PROFILES[name];
  if (!base) throw new Error(`LOCAL_CLOUD_PROFILE must be one of ${Object.keys(PROFILES).join(', ')}, got "${name}"`);
  const num = (v: string | undefined, fallback: number | null) => (v === undefined || v === '' ? fallback : Number(v) || null);
  return {
    name,
    functionConcurrency: num(env.LOCAL_CLOUD_FN_CONCURRENCY, base.functionConcurrency),
    dbConnections: num(env.LOCAL_CLOUD_DB_CONNECTIONS, base.dbConnections),
    dbQps: num(env.LOCAL_CLOUD_DB_QPS, base.dbQps),
  };
}

/** Counts database requests against a profile: a rolling one-second window and the requests in flight. */
export class DbQuota {
  private readonly window: number[] = [];
  private head = 0;
  inFlight = 0;
  refused = { rate: 0, concurrency: 0 };

  constructor(readonly profile: CloudProfile) {}

  /** Admits a request now, or returns the CloudBase code it is refused with. */
  admit(nowMs: number): string | null {
    const { dbConnections, dbQps } = this.profile;
    if (dbConnections !== null && this.inFlight >= dbConnections) {
      this.refused.concurrency++;
      return QUOTA_CODES.concurrency;
    }
    if (dbQps !== null) {
      while (this.head < this.window.length && this.window[this.head] <= nowMs - 1000) this.head++;
      if (this.head > 4096) {
        this.window.splice(0, this.head);
        this.head = 0;
      }
      if (this.window.length - this.head >= dbQps) {
        this.refused.rate++;
        return QUOTA_CODES.rate;
      }
      this.window.push(nowMs);
    }
    this.inFlight++;
    return null;
  }

  release(): void {
    this.inFlight--;
  }
}

/** Waits a round trip's share: `fraction` of a latency drawn from the range, or one turn of the event loop. */
export function travel(latency: Latency | null, fraction = 0.5): Promise<void> {
  if (!latency) return new Promise((resolve) => setImmediate(resolve));
  const ms = (latency.minMs + Math.random() * (latency.maxMs - latency.minMs)) * fraction;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
