import type { LocalCloud } from './cloud';
import type { DemoIdentity } from './seed';

export function installLocalRoutes(_cloud: LocalCloud, _identities: DemoIdentity[]): void {}
