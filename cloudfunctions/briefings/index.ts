import { z } from 'zod';
import { BriefingMastheadInput } from '../../shared/briefings';
import { Id } from '../../shared/common';
import { Month } from '../../shared/periods';
import { type AnyAction, action, createHandler } from '../_lib/handler';
import { Cursor } from '../_lib/page';
import { candidates, excel, exportFile, generate, getFor, html, list, publish, selectItems, setMasthead, view } from './briefings.service';

const No = z.strictObject({ no: z.number().int().positive() });
const READERS = ['leader', 'admin', 'manager', 'inspector'] as const;

/**
 * Inspection briefings (巡查简报): admins generate drafts, pick their items and publish them; readers list,
 * view and export published ones (a draft is visible to admins only).
 */
export const ACTIONS = {
  generate: action({
    input: z.strictObject({ period: Month, title: z.string().trim().min(1).max(60).optional() }),
    roles: ['admin'],
    handler: ({ input, caller, now }) => generate(input, caller, now),
  }),
  candidates: action({ input: No, roles: ['admin'], handler: ({ input }) => candidates(input.no) }),
  selectItems: action({
    input: z.strictObject({ no: z.number().int().positive(), ticketIds: z.array(Id).min(1).max(100) }),
    roles: ['admin'],
    handler: ({ input, now }) => selectItems(input.no, input.ticketIds, now),
  }),
  setMasthead: action({
    input: z.strictObject({ no: z.number().int().positive(), masthead: BriefingMastheadInput }),
    roles: ['admin'],
    handler: ({ input, now }) => setMasthead(input.no, input.masthead, now),
  }),
  publish: action({ input: No, roles: ['admin'], handler: ({ input, caller, now }) => publish(input.no, caller, now) }),
  list: action({
    input: z.strictObject({ status: z.enum(['draft', 'published']).optional(), cursor: Cursor.optional() }),
    roles: READERS,
    handler: ({ input, caller }) => list(input, caller),
  }),
  get: action({ input: No, roles: READERS, handler: ({ input, caller }) => getFor(input.no, caller) }),
  view: action({ input: No, roles: READERS, handler: ({ input, caller }) => view(input.no, caller) }),
  html: action({ input: No, roles: READERS, handler: ({ input, caller }) => html(input.no, caller) }),
  excel: action({ input: No, roles: READERS, handler: ({ input, caller }) => excel(input.no, caller) }),
  exportFile: action({
    input: z.strictObject({ no: z.number().int().positive(), format: z.enum(['html', 'xlsx', 'docx']) }),
    roles: READERS,
    handler: ({ input, caller }) => exportFile(input.no, input.format, caller),
  }),
} satisfies Record<string, AnyAction>;

export const main = createHandler('briefings', ACTIONS);
