// Where webhooks may go: private networks yes (the KU's own systems), link-local and the like never, loopback only
// where allowed; a name is judged by every address it resolves to.
import { refusedAddress, refusedHost, refusedTarget } from '../../activities/webhook-target';

it('refuses link-local, unspecified and multicast addresses always, loopback unless allowed, private networks never', () => {
  for (const ip of ['169.254.169.254', '0.0.0.0', '224.0.0.1', 'fe80::1', '::', 'ff02::1', '::ffff:169.254.169.254']) {
    expect([ip, refusedAddress(ip, true)]).toEqual([ip, expect.stringMatching(/Link-Local/)]);
  }
  for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
    expect([ip, refusedAddress(ip, false)]).toEqual([ip, expect.stringMatching(/Loopback/)]);
    expect(refusedAddress(ip, true)).toBeUndefined();
  }
  for (const ip of ['10.81.0.5', '192.168.1.20', '172.16.0.1', '203.0.113.7', '2001:db8::1']) expect(refusedAddress(ip, false)).toBeUndefined();
});

it('judges a URL as written: literal addresses in any notation and localhost names', () => {
  expect(refusedHost('http://[::1]:8080/x', false)).toMatch(/Loopback/);
  expect(refusedHost('http://2130706433/x', false)).toMatch(/127\.0\.0\.1/); // the URL parser's reading of 127.0.0.1
  expect(refusedHost('https://LOCALHOST/x', false)).toMatch(/Loopback/);
  expect(refusedHost('https://tickets.ku-it.example/hook', false)).toBeUndefined();
});

it('refuses the ports fetch never sends to, whatever the host', () => {
  for (const url of ['http://tickets.ku-it.example:9/hook', 'https://10.81.0.5:25/', 'http://cmdb.ku-it.example:6666/x']) {
    expect([url, refusedHost(url, true)]).toEqual([url, expect.stringMatching(/^Port \d+ ist gesperrt/)]);
  }
  for (const url of ['http://tickets.ku-it.example:8080/hook', 'https://10.81.0.5/', 'http://cmdb.ku-it.example:80/x']) expect(refusedHost(url, true)).toBeUndefined();
});

it('judges a name by the addresses it resolves to when it is sent', async () => {
  expect(await refusedTarget('http://localhost:8080/x', false)).toMatch(/Loopback/);
  expect(await refusedTarget('http://localhost:8080/x', true)).toBeUndefined();
  expect(await refusedTarget('http://name-that-does-not-resolve.invalid/x', false)).toBeUndefined();
});
