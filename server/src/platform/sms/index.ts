import type { Config } from '../../config.js';
import { DevSmsProvider } from './devSms.js';
import type { SmsProvider } from './provider.js';

export function createSmsProvider(config: Config): SmsProvider {
  // The HTTP gateway provider is added by the auth work (httpGateway.ts).
  void config;
  return new DevSmsProvider();
}
