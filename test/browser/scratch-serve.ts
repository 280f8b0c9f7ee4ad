import { startSystem, futureDate, token } from '../helpers/system';
import { fetchHttp } from '../../scripts/bot';
(async () => {
  const sys = await startSystem();
  const http = fetchHttp(sys.baseUrl);
  const r = await http('POST', '/api/v1/runs', token('a.gruber'), { process: 'gemeinde-onboarding', input: { ags: '09181144', variant: 'dienstleistung', targetGoLive: futureDate(200), projectLead: 'a.gruber', verfahren: ['ok-fis', 'ok-ewo'], workstations: 7 } });
  console.log(r.status);
  require('fs').writeFileSync('/tmp/ui/base', sys.baseUrl);
  console.log('READY', sys.baseUrl);
})();
