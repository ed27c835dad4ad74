import { z } from 'zod';
import { Id } from '../../shared/common';
import { Month } from '../../shared/periods';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { excel, generate, getBriefing, html, publish, selectItems } from './briefings.service';

const No = z.strictObject({ no: z.number().int().positive() });
const READERS = ['leader', 'admin', 'manager', 'inspector'] as const;

/** Inspection briefings (巡查简报): admins generate, select items, publish; readers view and export. */
export const ACTIONS = {
  generate: action({
    input: z.strictObject({ period: Month, title: z.string().trim().min(1).max(60).optional() }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => generate(input, caller, now),
  }),
  selectItems: action({
    input: z.strictObject({ no: z.number().int().positive(), ticketIds: z.array(Id).min(1).max(100) }),
    roles: ['admin'],
    handler: ({ input, now }) => selectItems(input.no, input.ticketIds, now),
  }),
  publish: action({ input: No, roles: ['admin'], handler: ({ input, caller, now }) => publish(input.no, caller, now) }),
  get: action({ input: No, roles: READERS, handler: ({ input }) => getBriefing(input.no) }),
  html: action({ input: No, roles: READERS, handler: ({ input }) => html(input.no) }),
  excel: action({ input: No, roles: READERS, handler: ({ input }) => excel(input.no) }),
} satisfies Record<string, AnyAction>;

export const main = createHandler('briefings', ACTIONS);
