import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  parseAppInstanceArn,
  parseBearerArn,
  parseChannelArn,
  parseChannelFlowArn,
  InvalidArnError,
} from '../../src/deploy/index.js';
import { ChannelFlowError } from '../../src/errors.js';

const APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/11111111-2222-3333-4444-555555555555';

const thrown = (fn: () => unknown): InvalidArnError => {
  try {
    fn();
  } catch (error) {
    return error as InvalidArnError;
  }
  throw new Error('expected a throw');
};

describe('ARN checks', () => {
  it('derives the app instance ARN from a channel ARN', () => {
    const parts = parseChannelArn(`${APP}/channel/c-1`);
    expect(parts).toMatchObject({
      appInstanceArn: APP,
      channelId: 'c-1',
      region: 'us-east-1',
      account: '111122223333',
      partition: 'aws',
    });
  });

  it('derives the app instance ARN from a user or bot bearer', () => {
    expect(parseBearerArn(`${APP}/user/admin`).appInstanceArn).toBe(APP);
    expect(parseBearerArn(`${APP}/bot/mod-bot`).appInstanceArn).toBe(APP);
  });

  it('names the argument and the fix for the appInstance/ typo', () => {
    const error = thrown(() => parseChannelArn(`${APP.replace('app-instance/', 'appInstance/')}/channel/c-1`));
    expect(error).toBeInstanceOf(InvalidArnError);
    expect(error).toBeInstanceOf(ChannelFlowError);
    expect(error.argument).toBe('channelArn');
    expect(error.message).toContain('app-instance/');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not chime', 'arn:aws:s3:::bucket/key'],
    ['bad account', 'arn:aws:chime:us-east-1:1234:app-instance/a/channel/b'],
    ['no region', 'arn:aws:chime::111122223333:app-instance/a/channel/b'],
    ['an app instance, not a channel', APP],
    ['a user, not a channel', `${APP}/user/u`],
    ['too long', `${APP}/channel/${'x'.repeat(1600)}`],
  ])('rejects a channel ARN that is %s', (_, arn) => {
    expect(() => parseChannelArn(arn)).toThrow(InvalidArnError);
  });

  it('rejects a channel ARN given as the app instance ARN, saying so', () => {
    expect(thrown(() => parseAppInstanceArn(`${APP}/channel/c-1`)).message).toContain('channel ARN');
    expect(parseAppInstanceArn(APP).account).toBe('111122223333');
  });

  it('accepts channel flow ARNs and rejects others', () => {
    expect(parseChannelFlowArn(`${APP}/channel-flow/0123abcd`).appInstanceArn).toBe(APP);
    expect(() => parseChannelFlowArn('arn:aws:chime:eu-central-1:111122223333:channel-flow/0123abcd')).toThrow(
      InvalidArnError,
    );
    expect(() => parseChannelFlowArn(`${APP}/channel/c-1`)).toThrow(InvalidArnError);
  });

  it('round-trips any well-formed channel ARN to its app instance prefix', () => {
    const id = fc.stringMatching(/^[-_.@a-zA-Z0-9]{1,64}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
        fc.stringMatching(/^[a-z]{2}-[a-z]+-\d$/),
        fc.stringMatching(/^\d{12}$/),
        id,
        id,
        (partition, region, account, app, channel) => {
          const appArn = `arn:${partition}:chime:${region}:${account}:app-instance/${app}`;
          const parts = parseChannelArn(`${appArn}/channel/${channel}`);
          expect(parts.appInstanceArn).toBe(appArn);
          expect(parts.channelId).toBe(channel);
        },
      ),
    );
  });

  it('throws only InvalidArnError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
        for (const parse of [parseChannelArn, parseBearerArn, parseChannelFlowArn, parseAppInstanceArn]) {
          try {
            parse(input);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidArnError);
          }
        }
      }),
    );
  });
});
