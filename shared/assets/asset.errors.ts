/** Stable error codes of fixed assets (固定资产), each with the zh-CN sentence the mini-program shows. */
export const ASSET_ERRORS = {
  /** No asset with this id or tag. */
  NOT_FOUND: 'ASSET.NOT_FOUND',
  /** The category code is not in the configured GB/T 14885 table. */
  UNKNOWN_CATEGORY: 'ASSET.UNKNOWN_CATEGORY',
  /** The named unit does not exist (a transfer target, an import row, a campaign). */
  UNIT_NOT_FOUND: 'ASSET.UNIT_NOT_FOUND',
  /** The named zone (location) does not exist. */
  ZONE_NOT_FOUND: 'ASSET.ZONE_NOT_FOUND',
  /** The named person does not exist. */
  PERSON_NOT_FOUND: 'ASSET.PERSON_NOT_FOUND',
  /** A tag that another asset already carries. */
  DUPLICATE_TAG: 'ASSET.DUPLICATE_TAG',
  /** The asset's status does not allow this event (lend an asset under repair, dispose of a disposed one, …). */
  INVALID_TRANSITION: 'ASSET.INVALID_TRANSITION',
  /** The asset has been disposed of: it can no longer be scanned, moved or changed. */
  DISPOSED: 'ASSET.DISPOSED',
  /** Only the named custodian may confirm receipt. */
  NOT_CUSTODIAN: 'ASSET.NOT_CUSTODIAN',
  /** The caller does not manage the asset's unit (or the campaign's, or the transfer's). */
  FORBIDDEN: 'ASSET.FORBIDDEN',
  /** A transfer to the unit that already holds the asset. */
  SAME_UNIT: 'ASSET.SAME_UNIT',
  /** The asset is already in an open transfer. */
  TRANSFER_OPEN: 'ASSET.TRANSFER_OPEN',
  TRANSFER_NOT_FOUND: 'ASSET.TRANSFER_NOT_FOUND',
  /** The transfer's state does not allow this step. */
  TRANSFER_INVALID_STATE: 'ASSET.TRANSFER_INVALID_STATE',
  CAMPAIGN_NOT_FOUND: 'ASSET.CAMPAIGN_NOT_FOUND',
  /** The unit already has a campaign for this month. */
  CAMPAIGN_EXISTS: 'ASSET.CAMPAIGN_EXISTS',
  /** The campaign is closed (or closing): no more scans, and it cannot be closed again. */
  CAMPAIGN_CLOSED: 'ASSET.CAMPAIGN_CLOSED',
  /** A scan that is not "found in place" needs a photo. */
  PHOTO_REQUIRED: 'ASSET.PHOTO_REQUIRED',
  /** "Found elsewhere" needs the place it was found. */
  PLACE_REQUIRED: 'ASSET.PLACE_REQUIRED',
  /** The file is not an Excel workbook this importer can read, or it has no 资产台账 rows. */
  IMPORT_UNREADABLE: 'ASSET.IMPORT_UNREADABLE',
  /** The sheet has more rows than one import may carry. */
  IMPORT_TOO_LARGE: 'ASSET.IMPORT_TOO_LARGE',
  /** The previewed sheet has row errors: fix them and upload again; nothing was imported. */
  IMPORT_HAS_ERRORS: 'ASSET.IMPORT_HAS_ERRORS',
  IMPORT_NOT_FOUND: 'ASSET.IMPORT_NOT_FOUND',
  /** The import was already confirmed. */
  IMPORT_DONE: 'ASSET.IMPORT_DONE',
  /** The file named is not one this caller uploaded. */
  FILE_NOT_YOURS: 'ASSET.FILE_NOT_YOURS',
  /** Too many simultaneous writes kept colliding; retry. */
  BUSY: 'ASSET.BUSY',
} as const;

export type AssetErrorCode = (typeof ASSET_ERRORS)[keyof typeof ASSET_ERRORS];

/** The sentence shown for each code (the compiler checks every code has one). */
export const ASSET_MESSAGES: { [K in AssetErrorCode]: string } = {
  'ASSET.NOT_FOUND': '没有找到这件资产，请核对标签',
  'ASSET.UNKNOWN_CATEGORY': '资产分类代码不在分类表中，请按 GB/T 14885 填写',
  'ASSET.UNIT_NOT_FOUND': '单位不存在，请核对单位名称或编号',
  'ASSET.ZONE_NOT_FOUND': '存放地点不存在，请核对位置编码',
  'ASSET.PERSON_NOT_FOUND': '人员不存在，请核对',
  'ASSET.DUPLICATE_TAG': '资产标签重复，每件资产的标签必须唯一',
  'ASSET.INVALID_TRANSITION': '资产当前状态不能进行此操作，请刷新后再试',
  'ASSET.DISPOSED': '该资产已处置，不能再进行盘点或变更',
  'ASSET.NOT_CUSTODIAN': '只有该资产的使用人才能确认领用',
  'ASSET.FORBIDDEN': '您不是该单位的资产管理人员，无权操作',
  'ASSET.SAME_UNIT': '调入单位与当前单位相同，无需调拨',
  'ASSET.TRANSFER_OPEN': '该资产已有进行中的调拨申请',
  'ASSET.TRANSFER_NOT_FOUND': '调拨申请不存在',
  'ASSET.TRANSFER_INVALID_STATE': '调拨申请当前状态不能进行此操作，请刷新',
  'ASSET.CAMPAIGN_NOT_FOUND': '盘点任务不存在',
  'ASSET.CAMPAIGN_EXISTS': '本单位本月已有盘点任务',
  'ASSET.CAMPAIGN_CLOSED': '盘点已结束，不能重复结束或继续扫码',
  'ASSET.PHOTO_REQUIRED': '资产不在原位或有损坏时，请拍照留证',
  'ASSET.PLACE_REQUIRED': '请填写资产实际所在的位置',
  'ASSET.IMPORT_UNREADABLE': '无法读取该表格，请使用资产台账模板（电子表格）',
  'ASSET.IMPORT_TOO_LARGE': '一次最多导入 5000 行，请分批导入',
  'ASSET.IMPORT_HAS_ERRORS': '表格中有错误行，请修改后重新上传，本次未导入任何数据',
  'ASSET.IMPORT_NOT_FOUND': '导入记录不存在或已过期，请重新上传',
  'ASSET.IMPORT_DONE': '该表格已导入，无需重复确认',
  'ASSET.FILE_NOT_YOURS': '只能导入您本人上传的文件',
  'ASSET.BUSY': '操作的人较多，请稍后重试',
};

/** Codes of one import row's problems (shown per row in the preview, with the row number and column). */
export const ASSET_ROW_ERRORS = {
  MISSING: 'ASSET.ROW_MISSING',
  BAD_TAG: 'ASSET.ROW_BAD_TAG',
  DUPLICATE_TAG: 'ASSET.ROW_DUPLICATE_TAG',
  UNKNOWN_CATEGORY: 'ASSET.ROW_UNKNOWN_CATEGORY',
  NOT_A_NUMBER: 'ASSET.ROW_NOT_A_NUMBER',
  BAD_DATE: 'ASSET.ROW_BAD_DATE',
  UNIT_NOT_FOUND: 'ASSET.ROW_UNIT_NOT_FOUND',
  ZONE_NOT_FOUND: 'ASSET.ROW_ZONE_NOT_FOUND',
  ZONE_OUTSIDE_UNIT: 'ASSET.ROW_ZONE_OUTSIDE_UNIT',
  PERSON_NOT_FOUND: 'ASSET.ROW_PERSON_NOT_FOUND',
  TOO_LONG: 'ASSET.ROW_TOO_LONG',
} as const;
export type AssetRowErrorCode = (typeof ASSET_ROW_ERRORS)[keyof typeof ASSET_ROW_ERRORS];

export const ASSET_ROW_MESSAGES: { [K in AssetRowErrorCode]: string } = {
  'ASSET.ROW_MISSING': '必填项为空',
  'ASSET.ROW_BAD_TAG': '资产标签只能由字母、数字和“-”组成（2–30位）',
  'ASSET.ROW_DUPLICATE_TAG': '资产标签在表格中重复',
  'ASSET.ROW_UNKNOWN_CATEGORY': '分类代码不在 GB/T 14885 分类表中',
  'ASSET.ROW_NOT_A_NUMBER': '应填写数字（金额，单位：元）',
  'ASSET.ROW_BAD_DATE': '日期格式应为 2024-03-01',
  'ASSET.ROW_UNIT_NOT_FOUND': '使用单位不存在',
  'ASSET.ROW_ZONE_NOT_FOUND': '存放地点编码不存在',
  'ASSET.ROW_ZONE_OUTSIDE_UNIT': '存放地点不属于该使用单位',
  'ASSET.ROW_PERSON_NOT_FOUND': '人员不存在（请填写姓名或人员编号）',
  'ASSET.ROW_TOO_LONG': '内容过长',
};
