/**
 * CloudBase timer triggers: 7 fields — second minute hour day-of-month month day-of-week year —
 * evaluated in UTC+8 (China has no daylight saving, so a fixed offset is exact). Each field takes
 * `*`, a number, a range `a-b`, a step `*\/n` or `a-b/n`, and comma lists; day-of-week takes
 * MON–SUN (and 1–7 with 1 = Monday, 7 = Sunday; 0 is rejected since the docs disagree on it);
 * month takes JAN–DEC. Day-of-month and day-of-week must both match when both are restricted.
 */
const OFFSET_MS = 8 * 3600_000;

type Field = { name: string; min: number; max: number; names?: string[] };
const FIELDS: Field[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 1, max: 7, names: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] },
  { name: 'year', min: 1970, max: 2199 },
];

export type Cron = { source: string; sets: Array<Set<number>> };

function parseValue(text: string, f: Field): number {
  const upper = text.toUpperCase();
  const named = f.names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + f.min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < f.min || n > f.max) throw new Error(`cron ${f.name}: "${text}" is not in ${f.min}-${f.max}`);
  return n;
}

function parseField(text: string, f: Field): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron ${f.name}: bad step in "${part}"`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = f.min;
      hi = f.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, f);
      hi = parseValue(b, f);
      if (lo > hi) throw new Error(`cron ${f.name}: empty range "${range}"`);
    } else {
      lo = parseValue(range, f);
      hi = stepText === undefined ? lo : f.max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a 7-field CloudBase cron expression; throws with the offending field. */
export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron needs 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  return { source, sets: parts.map((p, i) => parseField(p, FIELDS[i])) };
}

const full = (s: Set<number>, f: Field) => s.size === f.max - f.min + 1;

/** Whether the cron fires at this instant (to the second). */
export function matches(cron: Cron, at: Date): boolean {
  const local = new Date(at.getTime() + OFFSET_MS);
  const [sec, min, hour] = cron.sets;
  return sec.has(local.getUTCSeconds()) && min.has(local.getUTCMinutes()) && hour.has(local.getUTCHours()) && dateMatches(cron, local);
}

/** The first instant strictly after `from` at which the cron fires, or null within the search horizon. */
export function nextFire(cron: Cron, from: Date, horizonDays = 400): Date | null {
  let t = Math.floor(from.getTime() / 1000) * 1000 + 1000;
  const end = t + horizonDays * 86400_000;
  const [sec, min, hour] = cron.sets;
  while (t <= end) {
    const local = new Date(t + OFFSET_MS);
    // Skip whole hours and minutes that cannot match, so a sparse cron is found quickly.
    if (!hour.has(local.getUTCHours()) || !dateMatches(cron, local)) {
      t = t - (t % 3600_000) + 3600_000;
      continue;
    }
    if (!min.has(local.getUTCMinutes())) {
      t = t - (t % 60_000) + 60_000;
      continue;
    }
    if (sec.has(local.getUTCSeconds())) return new Date(t);
    t += 1000;
  }
  return null;
}

function dateMatches(cron: Cron, local: Date): boolean {
  const [, , , day, month, weekday, year] = cron.sets;
  const wd = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const dayOk = day.has(local.getUTCDate());
  const wdOk = weekday.has(wd);
  const dateOk = full(day, FIELDS[3]) || full(weekday, FIELDS[5]) ? dayOk && wdOk : dayOk || wdOk;
  return dateOk && month.has(local.getUTCMonth() + 1) && year.has(local.getUTCFullYear());
}
