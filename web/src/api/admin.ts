// The administration's calls: the stored people and the directory sync (GET /admin/people, POST /admin/directory/sync).
import { getJson, postJson } from './client';
import type { Role } from './types';

export interface DirectorySync {
  trigger: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  people: number;
  added: number;
  deactivated: number;
  error?: string;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  gemeinden: string[];
  source: 'directory' | 'token';
  active: boolean;
  lastSeenAt: string | null;
  syncedAt: string | null;
}

export interface PeopleOverview {
  directory: 'ldap' | 'tokens' | 'demo';
  items: Person[];
  lastSync: DirectorySync | null;
}

export const adminApi = {
  // one page of the largest size: an organisation's staff and its Gemeinden's contacts fit
  people: () => getJson<PeopleOverview>('/admin/people?limit=500'),
  syncDirectory: () => postJson<{ lastSync: DirectorySync | null }>('/admin/directory/sync'),
};
