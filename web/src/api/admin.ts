// The administration's calls: the stored people and the directory sync (GET /admin/people, POST /admin/directory/sync),
// and the outbound webhooks with their delivery log (/webhooks).
import type { components, operations } from './schema';
import { getAll, getJson, postJson, request } from './client';
import type { Role } from './types';

export type Webhook = components['schemas']['Webhook'];
export type NewWebhook = operations['createWebhook']['requestBody']['content']['application/json'];
/** the answer to a subscription: the subscription and its secret, shown this once */
export type CreatedWebhook = Webhook & { secret: string };
export type WebhookDelivery = operations['listWebhookDeliveries']['responses'][200]['content']['application/json']['items'][number];

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
  webhooks: () => getAll<Webhook>('/webhooks'),
  createWebhook: (body: NewWebhook) => postJson<CreatedWebhook>('/webhooks', body),
  deleteWebhook: async (id: string) => {
    await request(`/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  /** the latest delivery attempts, newest first */
  webhookDeliveries: (id: string) => getJson<{ items: WebhookDelivery[] }>(`/webhooks/${encodeURIComponent(id)}/deliveries?limit=20`).then((r) => r.items),
};
