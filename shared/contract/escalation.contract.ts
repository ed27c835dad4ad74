/**
 * What crosses the wire for the escalation function's client actions (dates as ISO strings). The timer run
 * itself is not callable from the mini-program.
 */

import type { TemplateName } from './templates';

/** One notice of a ticket as its delivery record shows it (never the recipient's openid). */
export interface NoticeDelivery {
  noticeId: string;
  /** An escalation level id, `repeat:<level>`, `pauseCap`, `verifyReminder`, `handover`, `closedForFollowers`. */
  cause: string;
  /** assignee, unitManager, office, inspector, follower. */
  audience: string;
  /** Which reminder it is (shared/contract/templates.ts). */
  template: TemplateName;
  recipientName: string | null;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  failure: { code: 'NOT_SUBSCRIBED' | 'SEND_FAILED' | 'INTERRUPTED' | 'NO_RECIPIENT'; errCode: number | null } | null;
  createdAt: string;
  sentAt: string | null;
}

export interface EscalationContract {
  /** A ticket's notices and their delivery (its unit's managers, inspectors in scope, admins). */
  deliveries: { input: { ticketId: string }; reply: { ticketId: string; items: NoticeDelivery[] } };
  /** Escalation levels with nobody to notify (admins). */
  recipientCheck: {
    input: Record<string, never>;
    reply: {
      ok: boolean;
      gaps: Array<{ code: 'ESCALATION.NO_RECIPIENT'; levelId: string; notify: 'unitManager' | 'office'; unitId: string; unitName: string }>;
    };
  };
}
