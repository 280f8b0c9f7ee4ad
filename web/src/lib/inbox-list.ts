// "Erledigen und nächste": the task page opens the next open task of the list the inbox last showed (with its
// filters). The inbox remembers that list for the tab (sessionStorage), and a message for the next page to show.
import { api } from '../api/endpoints';

const LIST = 'ku:inbox-list';
const FLASH = 'ku:task-flash';

export function rememberInboxList(taskIds: readonly string[]): void {
  try {
    sessionStorage.setItem(LIST, JSON.stringify(taskIds));
  } catch {
    // storage full or blocked: the task page then offers no "next"
  }
}

function inboxList(): string[] {
  try {
    const ids: unknown = JSON.parse(sessionStorage.getItem(LIST) ?? '[]');
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether the inbox's list has another task than this one to go on with. */
export function hasNextInInbox(taskId: string): boolean {
  return inboxList().some((id) => id !== taskId);
}

/**
 * The next task after this one in the inbox's list (then from its start) that is still open and that this person
 * may complete — others may have done some meanwhile.
 */
export async function nextOpenTask(taskId: string): Promise<string | undefined> {
  const ids = inboxList();
  const at = ids.indexOf(taskId);
  const order = [...ids.slice(at + 1), ...ids.slice(0, Math.max(at, 0))].filter((id) => id !== taskId);
  for (const id of order) {
    const task = await api.task(id).catch(() => undefined);
    if (task?.state === 'open' && task.allowedActions.includes('complete')) return id;
  }
  return undefined;
}

/** A message for the next task page (the one before it is gone once the next opens). */
export function flashForNextPage(text: string): void {
  try {
    sessionStorage.setItem(FLASH, text);
  } catch {
    // without storage the next page shows no message
  }
}

export function takeFlash(): string | undefined {
  try {
    const text = sessionStorage.getItem(FLASH) ?? undefined;
    sessionStorage.removeItem(FLASH);
    return text;
  } catch {
    return undefined;
  }
}
