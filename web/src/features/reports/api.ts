// SAFE-1 endpoints: reports, decisions, «Мои жалобы», notices, safety settings, blocks; typed from the contracts.
import type {
  auditListResponse, CreateReportRequest, DecideReportRequest, myReportsResponse, noticesResponse, reportBadgeResponse,
  reportDetailResponse, reportListResponse, reportResponse, safetySettingsResponse,
} from '@parta/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useSchoolEvents, useUserEvents } from '../chats/RealtimeProvider';
import { noticesKey } from './noticesGate';

export type ReportList = z.infer<typeof reportListResponse>;
export type ReportDetail = z.infer<typeof reportDetailResponse>;
export type MyReports = z.infer<typeof myReportsResponse>;
export type Notices = z.infer<typeof noticesResponse>;
export type ReportBadge = z.infer<typeof reportBadgeResponse>;
export type SafetySettings = z.infer<typeof safetySettingsResponse>;
export type AuditList = z.infer<typeof auditListResponse>;

export const reportKeys = {
  all: ['reports'] as const,
  list: (schoolId: string, status: string) => ['reports', 'list', schoolId, status] as const,
  badge: (schoolId: string) => ['reports', 'badge', schoolId] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  mine: ['reports', 'mine'] as const,
  notices: noticesKey,
  settings: (schoolId: string) => ['reports', 'settings', schoolId] as const,
};

/** A report changed or a notice came: lists, badges and «Мои жалобы» refetch. */
export function useReportsLive() {
  const client = useQueryClient();
  const refetch = () => void client.invalidateQueries({ queryKey: reportKeys.all });
  useUserEvents((event) => {
    if (event.type === 'report.changed' || event.type === 'notice.created') refetch();
  });
  useSchoolEvents((_schoolId, event) => {
    if (event.type === 'report.changed') refetch();
  });
}

export function useReportList(schoolId: string, status: 'new' | 'decided') {
  useReportsLive();
  return useQuery({ queryKey: reportKeys.list(schoolId, status), queryFn: () => api<ReportList>('GET', `/schools/${schoolId}/reports?status=${status}`) });
}

export function useReportBadge(schoolId: string, enabled: boolean) {
  useReportsLive();
  return useQuery({ queryKey: reportKeys.badge(schoolId), queryFn: () => api<ReportBadge>('GET', `/schools/${schoolId}/reports/badge`), enabled });
}

export function useReport(id: string) {
  useReportsLive();
  return useQuery({ queryKey: reportKeys.detail(id), queryFn: () => api<ReportDetail>('GET', `/reports/${id}`) });
}

export function useMyReports() {
  useReportsLive();
  return useQuery({ queryKey: reportKeys.mine, queryFn: () => api<MyReports>('GET', '/me/reports') });
}

export function useNotices() {
  useReportsLive();
  return useQuery({ queryKey: reportKeys.notices, queryFn: () => api<Notices>('GET', '/me/notices') });
}

export function useSafetySettings(schoolId: string) {
  return useQuery({ queryKey: reportKeys.settings(schoolId), queryFn: () => api<SafetySettings>('GET', `/schools/${schoolId}/safety`) });
}

export const sendReport = (body: CreateReportRequest) => api<{ data: { id: string } }>('POST', '/reports', body);
export const decideReport = (id: string, body: DecideReportRequest) => api<z.infer<typeof reportResponse>>('POST', `/reports/${id}/decision`, body);
export const readNotice = (id: string) => api('POST', `/me/notices/${id}/read`);
export const saveSafetySettings = (schoolId: string, body: Partial<SafetySettings['data']>) =>
  api<SafetySettings>('PUT', `/schools/${schoolId}/safety`, body);
