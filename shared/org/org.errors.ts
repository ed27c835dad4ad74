/** Codes of the org function (stable strings; the mini-program shows ORG_MESSAGES). */
export const ORG_ERRORS = {
  /** No unit with that id (admins only: anyone else is refused before the unit is looked up). */
  UNIT_NOT_FOUND: 'ORG.UNIT_NOT_FOUND',
  // Redeeming an invite answers the INVITE.* codes of shared/org/invite.errors.ts (INVITE_ERRORS).
} as const;

/** The zh-CN sentence the mini-program shows for each org code (the compiler checks every code has one). */
export const ORG_MESSAGES: { [K in (typeof ORG_ERRORS)[keyof typeof ORG_ERRORS]]: string } = {
  'ORG.UNIT_NOT_FOUND': '所选单位不存在，请重新选择',
};
