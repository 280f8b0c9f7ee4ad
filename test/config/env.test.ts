// Mail and inbound-event settings from the environment: validated at start-up, secrets never echoed.
import { ConfigError, loadConfig } from '../../config/env';

describe('notification configuration', () => {
  it('reads SMTP, team mailboxes and inbound secrets', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://mailer:pw@mail.ku-it.example:587',
      MAIL_TEAMS: '{"netzwerk":"netzwerk@ku-it.example","gemeinde:09181128":"edv@kaufering.de"}',
      INBOUND_SECRETS: '{"softwareverteilung":"0123456789abcdef0123"}',
    });
    expect(c.MAIL_TEAMS).toEqual({ netzwerk: 'netzwerk@ku-it.example', 'gemeinde:09181128': 'edv@kaufering.de' });
    expect(c.INBOUND_SECRETS).toEqual({ softwareverteilung: '0123456789abcdef0123' });
    expect(c.MAIL_FROM).toMatch(/onboarding@/);
  });

  it('names a wrong variable without printing its secret value', () => {
    const fail = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    const notJson = fail({ INBOUND_SECRETS: '{softwareverteilung: streng-geheim' });
    expect(notJson).toMatch(/INBOUND_SECRETS: a JSON object expected \(value hidden\)/);
    expect(notJson).not.toContain('streng-geheim');
    expect(fail({ INBOUND_SECRETS: '{"swv":"kurz"}' })).toMatch(/INBOUND_SECRETS\.swv: at least 16 characters/);
    expect(fail({ MAIL_TEAMS: '{"netzwerk":"kein-mail"}' })).toMatch(/MAIL_TEAMS\.netzwerk/);
    const smtp = fail({ SMTP_URL: 'http://mailer:hunter2@mail' });
    expect(smtp).toMatch(/SMTP_URL/);
    expect(smtp).not.toContain('hunter2');
  });
});
