/**
 * Page tests against the real cloud functions on the local cloud: the sim's backend boundary invokes the
 * function in-process as the chosen WeChat user. Start it after `setup()` (which resets the module registry),
 * so the functions, the SDKs and the local cloud's database seam share one registry.
 *
 * Test files using it need Node's export conditions (bson ships an ESM browser build) and Node's timers (the
 * SDKs call `unref()` on them; jsdom's timers return numbers):
 *   /** @jest-environment-options {"customExportConditions": ["node", "node-addons"]} *\/
 */
import './node-globals';
import type { Cloud } from '../../cloudfunctions/fixtures';
import type { Backend } from './sim';

export interface LocalBackend {
  cloud: Cloud;
  /** The sim backend: every call goes to the real function as `as.openid`. */
  backend: Backend;
  as: { openid: string };
  fixtures: typeof import('../../cloudfunctions/fixtures');
}

/** Starts a local cloud with the shared fixtures (plus `extraZones`); call after `setup()`. */
export async function startLocalBackend(extraZones: Parameters<typeof import('../../cloudfunctions/fixtures').startWithFixtures>[0] = []) {
  process.env.XUNCHA_LOG_QUIET = '1';
  const fixtures = require('../../cloudfunctions/fixtures') as typeof import('../../cloudfunctions/fixtures');
  const cloud = await fixtures.startWithFixtures(extraZones);
  const as = { openid: fixtures.PEOPLE.admin.openid };
  const backend: Backend = (name, action, payload) =>
    cloud.host.invoke(name, { action, payload }, { source: 'wx_client', openid: as.openid });
  return { cloud, backend, as, fixtures } satisfies LocalBackend;
}
