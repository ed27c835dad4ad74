import { z } from 'zod';
import { TEMPLATES, type TemplateName } from './templates';

/** Reminders a person has of one template: `_id` is `${openid}|${template}`; `left` never goes below zero. */
export const Subscription = z.object({
  _id: z.string().min(3).max(120),
  openid: z.string().min(1).max(64),
  template: z.enum(Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]]),
  left: z.number().int().min(0),
  accepted: z.number().int().min(0),
});
export type Subscription = z.infer<typeof Subscription>;
