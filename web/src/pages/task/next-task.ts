// After "Erledigen und nächste": open the next open task of the inbox's list, or stay with a message if none is left.
import type { Task } from '../../api/types';
import { flashForNextPage, nextOpenTask } from '../../lib/inbox-list';
import { navigate, paths } from '../../router';
import type { OnUpdated } from './text-actions';

export async function goToNext(done: Task, onUpdated: OnUpdated): Promise<void> {
  const what = done.state === 'review' ? 'ist zur Freigabe eingereicht' : 'ist erledigt';
  const next = await nextOpenTask(done.id);
  if (!next) {
    onUpdated(done, `„${done.title}“ ${what}. In Ihrer Aufgabenliste ist keine weitere offene Aufgabe.`);
    return;
  }
  flashForNextPage(`„${done.title}“ ${what}. Hier ist die nächste Aufgabe.`);
  navigate(paths.task(next));
}
