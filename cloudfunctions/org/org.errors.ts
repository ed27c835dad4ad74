/** Codes of the org function (stable strings; the mini-program maps known ones to zh-CN text). */
export const ORG_ERRORS = {
  /** No unit with that id (admins only: anyone else is refused before the unit is looked up). */
  UNIT_NOT_FOUND: 'ORG.UNIT_NOT_FOUND',
  // Redeeming an invite answers the INVITE.* codes of shared/org/invite.ts (INVITE_ERRORS).
} as const;
