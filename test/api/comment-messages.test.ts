// A comment that cannot be taken says why in German at the field: missing, empty, or too long with the limit
// (issue 12 item 9: a too-long comment answered "Der Kommentar ist leer.").
import request from 'supertest';
import { token } from '../helpers/system';
import { lightApp } from './support/light-app';

const app = lightApp();
const comment = (body: unknown) =>
  request(app).post('/api/v1/tasks/onboarding-09181128:erstgespraech/comments').set('Authorization', `Bearer ${token('m.huber')}`).send(body as object);

it.each([
  ['a too-long comment', { text: 'x'.repeat(5001) }, 'Der Kommentar ist zu lang (höchstens 5000 Zeichen)'],
  ['an empty comment', { text: '   ' }, 'Der Kommentar ist leer'],
  ['a missing comment', {}, 'Bitte einen Kommentar angeben'],
  ['a comment that is no text', { text: 42 }, 'Der Kommentar muss ein Text sein'],
])('answers %s with its own message', async (_case, body, message) => {
  const res = await comment(body);
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'text', message }]);
});

it('names the limit for a too-long comment on completion', async () => {
  const res = await request(app).post('/api/v1/tasks/onboarding-09181128:erstgespraech/complete')
    .set('Authorization', `Bearer ${token('m.huber')}`).send({ comment: 'x'.repeat(5001) });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'comment', message: 'Der Kommentar ist zu lang (höchstens 5000 Zeichen)' }]);
});
