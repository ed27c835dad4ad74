/**
 * Errors the local cloud returns, with the same code strings CloudBase's API sends, so the real
 * SDKs turn them into the same exceptions (and, in wx-server-sdk, the same numeric errCode).
 */
export const CloudCode = {
  InvalidParam: 'INVALID_PARAM',
  InvalidAction: 'INVALID_ACTION',
  CollectionMissing: 'DATABASE_COLLECTION_NOT_EXIST',
  CollectionExists: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DuplicateKey: 'DATABASE_DUPLICATE_WRITE',
  DocumentMissing: 'DATABASE_DOCUMENT_NOT_EXIST',
  TransactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  TransactionMissing: 'DATABASE_TRANSACTION_FAIL',
  TransactionFail: 'DATABASE_TRANSACTION_FAIL',
  RequestTooLarge: 'INVALID_REQUEST_SIZE',
  FunctionMissing: 'FUNCTIONS_FUNCTION_NOT_FOUND',
  FunctionFailed: 'FUNCTIONS_EXECUTE_FAIL',
  StorageFileMissing: 'STORAGE_FILE_NONEXIST',
  Internal: 'SYS_ERR',
} as const;

export type CloudCodeValue = (typeof CloudCode)[keyof typeof CloudCode];

export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const invalid = (message: string): CloudError => new CloudError(CloudCode.InvalidParam, message);
