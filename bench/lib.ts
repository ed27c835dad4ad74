/**
 * Small helpers shared by the benchmarks in bench/: the result type the runner (bench/run-all.ts)
 * collects, a few statistics, a concurrent load driver, process CPU accounting and table printing.
 */
import fs from 'node:fs';

/** One measured figure, as every `bench/*.bench.ts` returns it from `run()`. */
export type BenchResult = {
  name: string;
  figure: string;
  baseline?: string;
  ratio?: string;
  target: string;
  pass: boolean;
};

// ---- statistics ---------------------------------------------------------------------------------

/** The p-th percentile (0–100, nearest rank) of a list of numbers; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

// ---- formatting ---------------------------------------------------------------------------------

/** 12345.6 → "12,346"; digits for small numbers ("3.42"). */
export function fmt(n: number, digits = n < 10 ? 2 : n < 100 ? 1 : 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const perSec = (n: number) => `${fmt(n, 0)}/s`;
export const ms = (n: number) => `${fmt(n)} ms`;
export const ratio = (a: number, b: number) => `${fmt(a / b)}×`;

/** Prints results as an aligned table. */
export function printTable(results: readonly BenchResult[], title?: string): void {
  const head = ['benchmark', 'figure', 'baseline', 'ratio', 'target', 'result'];
  const rows = results.map((r) => [r.name, r.figure, r.baseline ?? '', r.ratio ?? '', r.target, r.pass ? 'PASS' : 'FAIL']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  if (title) console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// ---- load driving -------------------------------------------------------------------------------

export type LoadReport = { ops: number; errors: number; firstError?: unknown; seconds: number; perSecond: number; latencies: number[] };

/**
 * Runs `workers` async loops for `durationMs`; each awaits `op(worker, i)` back to back. An op that
 * resolves to `false` or throws counts as an error (the loop carries on).
 */
export async function drive(workers: number, durationMs: number, op: (worker: number, i: number) => Promise<unknown>): Promise<LoadReport> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          const ok = await op(w, i);
          if (ok === false) throw new Error('operation reported failure');
          latencies.push(performance.now() - t);
        } catch (e) {
          errors++;
          firstError ??= e;
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { ops: latencies.length, errors, firstError, seconds, perSecond: latencies.length / seconds, latencies };
}

// ---- CPU accounting -----------------------------------------------------------------------------

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

function statOf(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state ppid … utime(14) stime(15).
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), cpuMs: (Number(rest[11]) + Number(rest[12])) * CLOCK_TICK_MS };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants (e.g. `tsx`
 * and the node process it starts). Linux only: NaN where /proc is missing.
 */
export function treeCpuMs(rootPid: number): number {
  if (!fs.existsSync('/proc')) return Number.NaN;
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (!s) continue;
    parents.set(Number(name), s.ppid);
    cpu.set(Number(name), s.cpuMs);
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

/** CPU time (user + system, ms) this process has used so far. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Busy CPU time (ms, all cores: user, nice, system, irq, softirq, steal) of the whole machine so
 * far, to tell whether other processes competed with a measurement. NaN where /proc is missing.
 */
export function machineBusyMs(): number {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …
    return (f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0)) * CLOCK_TICK_MS;
  } catch {
    return Number.NaN;
  }
}
