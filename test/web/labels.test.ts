// The web's labels that have a second copy on the server side (the web reaches the API over HTTP only and cannot
// import domain/): the two must say the same, or a device's state reads differently on the page and in the CSV.
import { DEVICE_STATE_LABELS as SERVER_DEVICE_STATE_LABELS } from '../../domain/device-steps';
import { DEVICE_STATE_LABELS } from '../../web/src/lib/labels';

it('names a device state as the API’s exports do', () => {
  expect(DEVICE_STATE_LABELS).toEqual(SERVER_DEVICE_STATE_LABELS);
});
