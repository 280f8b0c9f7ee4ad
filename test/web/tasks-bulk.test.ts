// More tasks than one POST /tasks/bulk may name go in requests of at most 200, one after the other, their answers
// as one; data every task refuses stops after the first request, so the form can be corrected and all sent again.
import { BULK_MAX_TASKS, bulkTasks } from '../../web/src/api/tasks-bulk';
import type { BulkTasksBody } from '../../web/src/api/tasks-bulk-types';
import { BULK_MAX_TASKS as SERVER_MAX } from '../../api/routes/tasks-bulk';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `run-${i}:bedarf`);

it('sends 450 tasks as 200, 200 and 50, and answers for every one in order', async () => {
  const sent: BulkTasksBody[] = [];
  const answer = await bulkTasks({ action: 'complete', taskIds: ids(450), data: { geraete: 12 } }, async (body) => {
    sent.push(body);
    return { results: body.taskIds.map((taskId) => ({ taskId, status: 200 })) };
  });
  expect(BULK_MAX_TASKS).toBe(SERVER_MAX); // the web's copy of the server's limit
  expect(sent.map((b) => b.taskIds.length)).toEqual([200, 200, 50]);
  expect(sent.every((b) => b.action === 'complete' && (b.data as { geraete: number }).geraete === 12)).toBe(true);
  expect(answer.results.map((r) => r.taskId)).toEqual(ids(450));
});

it('stops after the first request when every task refuses the data', async () => {
  let requests = 0;
  const refused = { status: 422, title: 'Ungültige Angaben', errors: [{ path: 'data.geraete', message: 'Mindestens 0' }] };
  const answer = await bulkTasks({ action: 'complete', taskIds: ids(450), data: { geraete: -3 } }, async (body) => {
    requests++;
    return { results: body.taskIds.map((taskId) => ({ taskId, status: 422, problem: refused })) };
  });
  expect(requests).toBe(1);
  expect(answer.results).toHaveLength(200);
});
