/**
 * Constants both sides of the wire rely on: the server's schemas are built from them and the mini-program's
 * forms check against them, so a limit changes in one place.
 */

/**
 * Invite codes are typed by hand, so their alphabet leaves out 0/O and 1/I: 32 symbols, so one random byte's
 * low five bits pick a symbol without bias.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;
/** A normalised invite code (upper case, no spaces or hyphens). */
export const INVITE_CODE_RE = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

/** Ticket states in which the rectification deadline's clock runs (the machine's `CLOCK_RUNNING_STATES`). */
export const CLOCK_RUNNING_STATES = ['reported', 'assigned', 'accepted', 'rework'] as const;

/** Text lengths the ticket schemas accept. */
export const LIMITS = { reportText: 500, findingText: 500, reason: 200, note: 500, cause: 200 } as const;

/** Limits of a survey (意见征集): the survey schemas are built from them, the admin form checks against them. */
export const SURVEY_LIMITS = {
  title: 40,
  intro: 300,
  questionTitle: 60,
  option: 20,
  minOptions: 2,
  maxOptions: 8,
  questions: 10,
  text: 500,
} as const;
