import { z } from 'zod';

const OPEN = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSE = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One opening interval in Shanghai wall-clock time, within a single day; `close` may be `'24:00'`. */
export const ServiceInterval = z
  .strictObject({ open: z.string().regex(OPEN, 'expected HH:mm'), close: z.string().regex(CLOSE, 'expected HH:mm or 24:00') })
  // Zero-padded HH:mm compares correctly as strings, and '24:00' sorts after every other time.
  .refine((i) => i.close > i.open, { message: 'close must be after open', path: ['close'] });
export type ServiceInterval = z.infer<typeof ServiceInterval>;

/** A day's intervals, ascending and not overlapping; an empty list means closed that day. */
export const ServiceDay = z
  .array(ServiceInterval)
  .max(6)
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++) {
      if (list[i].open < list[i - 1].close)
        ctx.addIssue({ code: 'custom', message: 'intervals must be ascending and not overlap', path: [i] });
    }
  });

/** Opening hours per ISO weekday (1 = Monday … 7 = Sunday); at least one day must be open. */
export const ServiceHours = z
  .strictObject({ 1: ServiceDay, 2: ServiceDay, 3: ServiceDay, 4: ServiceDay, 5: ServiceDay, 6: ServiceDay, 7: ServiceDay })
  .refine((h) => Object.values(h).some((day) => day.length > 0), { message: 'a zone must be open at least one day a week' });
export type ServiceHours = z.infer<typeof ServiceHours>;

const ALL_DAY = [{ open: '00:00', close: '24:00' }];

/** Open around the clock, every day. */
export const ALWAYS_OPEN: ServiceHours = { 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY, 7: ALL_DAY };
