// The web's labels that have a second copy on the server side (the web reaches the API over HTTP only and cannot
// import domain/): the two must say the same, or a device's state reads differently on the page and in the CSV, a
// role on the page and on the acceptance protocol.
import { DEVICE_STATE_LABELS as SERVER_DEVICE_STATE_LABELS } from '../../domain/device-steps';
import { ROLE_TITLES } from '../../domain/role-titles';
import { EVENT_TYPES } from '../../domain/events';
import { DOCUMENT_KIND_LABELS, templateKind as serverTemplateKind } from '../../domain/document-kinds';
import { DEVICE_STATE_LABELS, EVENT_LABELS, KIND_LABELS, ROLE_LABELS, templateKind } from '../../web/src/lib/labels';

it('names a device state as the API’s exports do', () => {
  expect(DEVICE_STATE_LABELS).toEqual(SERVER_DEVICE_STATE_LABELS);
});

it('names every event type the audit trail holds in German (none shows as its id)', () => {
  expect(EVENT_TYPES.filter((type) => !EVENT_LABELS[type])).toEqual([]);
});

it('names a role as the acceptance protocol and the year plan do', () => {
  expect(ROLE_LABELS).toEqual(ROLE_TITLES);
});

it('names a kind of document as the mails about it do, and marks a draft to sign the same way', () => {
  expect(KIND_LABELS).toEqual(DOCUMENT_KIND_LABELS);
  expect(templateKind('avv')).toBe(serverTemplateKind('avv'));
});
