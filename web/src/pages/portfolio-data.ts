// The portfolio's data: the server's GET /dashboard, page by page (the key figures always over all onboardings).
import { api } from '../api/endpoints';
import type { Dashboard, DashboardOnboarding, Health, Role } from '../api/types';

/** the server's filters of the onboardings (the key figures stay those of all) */
export interface PortfolioFilter {
  health?: Health;
  team?: Role;
}

export const PORTFOLIO_PAGE = 50;

function query(filter: PortfolioFilter, limit: number, cursor?: string | null): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.health) q.set('health', filter.health);
  if (filter.team) q.set('team', filter.team);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** The first `pages` pages of the onboardings (a reload keeps what "Weitere laden" showed), with the figures of all. */
export async function loadPortfolio(filter: PortfolioFilter = {}, pages = 1): Promise<Dashboard> {
  let dashboard = await api.dashboard(query(filter, PORTFOLIO_PAGE));
  for (let i = 1; i < pages && dashboard.nextCursor; i++) dashboard = await withNextPage(dashboard, filter);
  return dashboard;
}

/** The dashboard with the next page of onboardings appended (the figures from the newer answer). */
export async function withNextPage(dashboard: Dashboard, filter: PortfolioFilter): Promise<Dashboard> {
  const next = await api.dashboard(query(filter, PORTFOLIO_PAGE, dashboard.nextCursor));
  return { ...next, onboardings: [...dashboard.onboardings, ...next.onboardings] };
}

/** Every onboarding the filter lets through, for the CSV export (pages of the largest size). */
export async function allOnboardings(filter: PortfolioFilter): Promise<DashboardOnboarding[]> {
  const items: DashboardOnboarding[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: Dashboard = await api.dashboard(query(filter, 500, cursor));
    items.push(...page.onboardings);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
}
