/**
 * Every error code that can reach the mini-program, as one union, and one zh-CN sentence for each, composed
 * from the areas' `*_MESSAGES` tables. `MESSAGES` is typed `Record<ErrorCode | ClientCode, string>`: a code
 * added to any `*_ERRORS` table without its sentence does not compile.
 */

import {
  type ACCOUNTABILITY_ERRORS,
  ACCOUNTABILITY_MESSAGES,
  type SUPERVISION_ERRORS,
  SUPERVISION_MESSAGES,
} from '../accountability/accountability.errors';
import { type ADMIN_ERRORS, ADMIN_MESSAGES } from '../admin/admin.errors';
import { type ASSET_ERRORS, ASSET_MESSAGES, type ASSET_ROW_ERRORS, ASSET_ROW_MESSAGES } from '../assets/asset.errors';
import { type BRIEFING_ERRORS, BRIEFING_MESSAGES } from '../briefings/briefing.errors';
import { type LIB_ERRORS, LIB_MESSAGES } from '../common/request.errors';
import { type CONTRACT_ERRORS, CONTRACT_MESSAGES } from '../contracts/contract.errors';
import { type DEADLINE_ERRORS, DEADLINE_MESSAGES } from '../deadlines/deadline.errors';
import { type ESCALATION_ERRORS, ESCALATION_MESSAGES } from '../escalation/escalation.errors';
import { type INVITE_ERRORS, INVITE_MESSAGES } from '../org/invite.errors';
import { type ORG_ERRORS, ORG_MESSAGES } from '../org/org.errors';
import { type PATROL_ERRORS, PATROL_MESSAGES } from '../patrols/patrol.errors';
import { type POSTER_ERRORS, POSTER_MESSAGES } from '../posters/poster.errors';
import { type SCORING_ERRORS, SCORING_MESSAGES } from '../scoring/scoring.errors';
import { type STATS_ERRORS, STATS_MESSAGES } from '../stats/stats.errors';
import { type SURVEY_ERRORS, SURVEY_MESSAGES } from '../surveys/survey.errors';
import { type TICKET_ERRORS, TICKET_MESSAGES, type TICKET_SERVICE_ERRORS, TICKET_SERVICE_MESSAGES } from '../tickets/ticket.errors';

type CodeOf<T> = T[keyof T];

/** Every code a cloud function answers with. */
export type ErrorCode =
  | CodeOf<typeof LIB_ERRORS>
  | CodeOf<typeof TICKET_ERRORS>
  | CodeOf<typeof TICKET_SERVICE_ERRORS>
  | CodeOf<typeof DEADLINE_ERRORS>
  | CodeOf<typeof INVITE_ERRORS>
  | CodeOf<typeof ORG_ERRORS>
  | CodeOf<typeof ADMIN_ERRORS>
  | CodeOf<typeof SURVEY_ERRORS>
  | CodeOf<typeof STATS_ERRORS>
  | CodeOf<typeof BRIEFING_ERRORS>
  | CodeOf<typeof SCORING_ERRORS>
  | CodeOf<typeof PATROL_ERRORS>
  | CodeOf<typeof ASSET_ERRORS>
  | CodeOf<typeof ASSET_ROW_ERRORS>
  | CodeOf<typeof CONTRACT_ERRORS>
  | CodeOf<typeof ACCOUNTABILITY_ERRORS>
  | CodeOf<typeof SUPERVISION_ERRORS>
  | CodeOf<typeof ESCALATION_ERRORS>
  | CodeOf<typeof POSTER_ERRORS>;

/** Codes the mini-program itself produces: the call never reached a function, or its reply was malformed. */
export const CLIENT_ERRORS = {
  NETWORK: 'CLIENT.NETWORK',
  BAD_REPLY: 'CLIENT.BAD_REPLY',
  UPLOAD: 'CLIENT.UPLOAD',
  NO_IDENTITY: 'CLIENT.NO_IDENTITY',
  /** WeChat's own code when the named cloud function is not deployed in the environment. */
  FUNCTION_NOT_FOUND: 'FUNCTIONS_FUNCTION_NOT_FOUND',
} as const;
export type ClientCode = CodeOf<typeof CLIENT_ERRORS>;

const CLIENT_MESSAGES: { [K in ClientCode]: string } = {
  'CLIENT.NETWORK': '网络不太好，请稍后重试',
  'CLIENT.BAD_REPLY': '服务返回异常，请稍后重试',
  'CLIENT.UPLOAD': '照片上传失败，请重试',
  'CLIENT.NO_IDENTITY': '请先在“我的”页选择演示身份',
  FUNCTIONS_FUNCTION_NOT_FOUND: '该功能的云函数尚未部署',
};

/** One zh-CN sentence per code; the compiler checks that none is missing. */
export const MESSAGES: Readonly<Record<ErrorCode | ClientCode, string>> = {
  ...LIB_MESSAGES,
  ...TICKET_MESSAGES,
  ...TICKET_SERVICE_MESSAGES,
  ...DEADLINE_MESSAGES,
  ...INVITE_MESSAGES,
  ...ORG_MESSAGES,
  ...ADMIN_MESSAGES,
  ...SURVEY_MESSAGES,
  ...STATS_MESSAGES,
  ...BRIEFING_MESSAGES,
  ...SCORING_MESSAGES,
  ...PATROL_MESSAGES,
  ...ASSET_MESSAGES,
  ...ASSET_ROW_MESSAGES,
  ...CONTRACT_MESSAGES,
  ...ACCOUNTABILITY_MESSAGES,
  ...SUPERVISION_MESSAGES,
  ...ESCALATION_MESSAGES,
  ...POSTER_MESSAGES,
  ...CLIENT_MESSAGES,
};

/** What is shown for a code this build does not know (a newer server): a sentence, never the code itself. */
export const UNKNOWN_ERROR_MESSAGE = '操作失败，请稍后重试';

const BY_CODE: ReadonlyMap<string, string> = new Map(Object.entries(MESSAGES));

/** The zh-CN sentence for a code (any string: an unknown one gets the generic sentence). */
export const messageFor = (code: string): string => BY_CODE.get(code) ?? UNKNOWN_ERROR_MESSAGE;
