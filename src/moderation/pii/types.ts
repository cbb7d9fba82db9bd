/** The kinds of personal data `pii()` finds. */
export const PiiEntity = {
  Email: 'email',
  Phone: 'phone',
  Card: 'card',
  Iban: 'iban',
  Ssn: 'ssn',
  Ip: 'ip',
  AwsKey: 'awsKey',
} as const;
export type PiiEntity = (typeof PiiEntity)[keyof typeof PiiEntity];

/** A found entity: a half-open UTF-16 range of the text. */
export interface PiiFinding {
  entity: PiiEntity;
  start: number;
  end: number;
}
