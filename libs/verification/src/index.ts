export * from './verification-codes';
export * from './notify-code-sender';
export * from './migrations';
export type { VerificationTables, VerificationCodesTable } from './tables';
export * from './provider';
