import { aksDiagnosticLines, aksDiagnosticRecords } from './aksAudit';
import { eksCloudWatchDocument, eksCloudWatchLines } from './eksAudit';
import { gkeAuditArray, gkeAuditLines } from './gkeAudit';
import { openSearchHitLines, openSearchResponse } from './openSearch';
import { openSearchDiscoverCsv } from './openSearchCsv';
import { paralusAuditLines } from './paralusAudit';
import { pgauditPostgresLog } from './pgaudit';
import { platformKubectlCsv } from './platformKubectlCsv';
import type { LogFormat } from './types';

/**
 * The formats in which logs reach an analyst second-hand: exported from a managed cloud, a search
 * cluster or a management platform, and the database audit trail. Registered after the native
 * formats (registry.ts), in tie-break order.
 */
export const EXPORT_FORMATS: readonly LogFormat[] = [
  eksCloudWatchLines, eksCloudWatchDocument, aksDiagnosticLines, aksDiagnosticRecords, gkeAuditLines, gkeAuditArray,
  openSearchHitLines, openSearchResponse, openSearchDiscoverCsv,
  paralusAuditLines, platformKubectlCsv,
  pgauditPostgresLog,
];
