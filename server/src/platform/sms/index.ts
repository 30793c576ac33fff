import type { Config } from '../../config.js';
import { DevSmsProvider } from './devSms.js';
import { HttpGatewaySmsProvider } from './httpGateway.js';
import type { SmsProvider } from './provider.js';

/** The provider chosen by SMS_PROVIDER: 'dev' (log line, the default) or 'http' (a gateway). */
export function createSmsProvider(config: Config): SmsProvider {
  if (config.sms.provider === 'http') {
    return new HttpGatewaySmsProvider({ url: config.sms.url, token: config.sms.token, sender: config.sms.sender });
  }
  return new DevSmsProvider();
}
