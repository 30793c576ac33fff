/** ACC-6: how an SMS leaves Parta. The dev provider logs it; the HTTP provider posts to a gateway. */
export interface SmsProvider {
  /** `to` is E.164. Resolves once the gateway accepted the message; throws when it refused. */
  send(to: string, text: string): Promise<void>;
}
