import { z } from 'zod';

/** Severity of a problem, from least to most urgent. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** One level up, capped at critical: `raiseSeverity('minor') === 'major'`. */
export const raiseSeverity = (s: Severity): Severity => SEVERITIES[Math.min(SEVERITIES.indexOf(s) + 1, SEVERITIES.length - 1)];
