/** A random RFC 4122 version-4 UUID: the request id that makes a report idempotent when resent. */
import { shanghaiDate } from '../shared/contract';
export function uuid(random: () => number = Math.random): string {
  const hex = '0123456789abcdef';
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-';
    else if (i === 14) out += '4';
    else if (i === 19) out += hex[8 + Math.floor(random() * 4)];
    else out += hex[Math.floor(random() * 16)];
  }
  return out;
}

/** A cloud path for an uploaded photo: `tickets/20250304/<uuid>.jpg`. */
export function photoPath(prefix: string, now: Date, random?: () => number): string {
  const d = shanghaiDate(now).replace(/-/g, '');
  return `${prefix}/${d}/${uuid(random)}.jpg`;
}
