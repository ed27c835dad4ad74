import type { LocalCloud } from './cloud';

export type DemoIdentity = { openid: string; name: string; label: string };

/** Placeholder until the demo campus lands: nothing seeded. */
export async function seedIfEmpty(_cloud: LocalCloud): Promise<{ fresh: boolean; identities: DemoIdentity[] }> {
  return { fresh: false, identities: [] };
}
