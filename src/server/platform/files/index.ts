export { createBlobStore, type BlobStore, type OpenedBlob, type StageOptions, type StagedBlob, type SweepResult } from './store.js';
export { parseRange, readUploads, registerUploads, sendBlob, type UploadedFile, type UploadLimits, type Uploads } from './http.js';
export { describeAccepted, describeKind, isAccepted, type FileKind } from './sniff.js';
export {
  BlobMissing,
  FieldTooLong,
  FileEmpty,
  FileTooLarge,
  FileTypeNotAllowed,
  NotAnUpload,
  TooManyFiles,
  UploadInterrupted,
  megabytes,
} from './errors.js';
