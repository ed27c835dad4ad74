/**
 * The assets contract (shared/contract/assets.contract.ts) checked against what the services return, at
 * compile time: each service's reply, with dates as ISO strings (`Wire`), must be assignable to the declared
 * reply. `tsc --noEmit` fails if a service and the contract drift apart (no jest test: the compiler is the check).
 */
import type { close, exceptions, monthResults, progress, scan, start } from '../../cloudfunctions/assets/campaign.service';
import type { confirm, preview } from '../../cloudfunctions/assets/import.service';
import type { card, myUnits, recordEvent, registerAsset, unitAssets } from '../../cloudfunctions/assets/ledger.service';
import type { actOnTransfer, listTransfers, requestTransfer } from '../../cloudfunctions/assets/transfer.service';
import type { AssetsContract, Wire } from '../../shared/contract/assets.contract';

type Reply<F extends (...a: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;
type Fits<Declared, Actual extends Declared> = Actual;

export type Checks = [
  Fits<AssetsContract['myUnits']['reply'], Reply<typeof myUnits>>,
  Fits<AssetsContract['register']['reply'], Reply<typeof registerAsset>>,
  Fits<AssetsContract['event']['reply'], Reply<typeof recordEvent>>,
  Fits<AssetsContract['card']['reply'], Reply<typeof card>>,
  Fits<AssetsContract['unitAssets']['reply'], Reply<typeof unitAssets>>,
  Fits<AssetsContract['requestTransfer']['reply'], Reply<typeof requestTransfer>>,
  Fits<AssetsContract['transfer']['reply'], Reply<typeof actOnTransfer>>,
  Fits<AssetsContract['transfers']['reply'], Reply<typeof listTransfers>>,
  Fits<AssetsContract['startCampaign']['reply'], Reply<typeof start>>,
  Fits<AssetsContract['progress']['reply'], Reply<typeof progress>>,
  Fits<AssetsContract['scan']['reply'], Reply<typeof scan>>,
  Fits<AssetsContract['closeCampaign']['reply'], Reply<typeof close>>,
  Fits<AssetsContract['exceptions']['reply'], Reply<typeof exceptions>>,
  Fits<AssetsContract['monthResults']['reply'], Reply<typeof monthResults>>,
  Fits<AssetsContract['importPreview']['reply'], Reply<typeof preview>>,
  Fits<AssetsContract['importConfirm']['reply'], Reply<typeof confirm>>,
];
