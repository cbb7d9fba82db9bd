import { describe, expect, it } from '@jest/globals';
import { explainForbidden } from '../../src/middleware/forbidden-causes.js';
import { standardEvent } from '../core/fixtures.js';

const HOUR = 3_600_000;
const created = Date.parse(standardEvent().ChannelMessage.CreatedTimestamp as string);

describe('explainForbidden', () => {
  it('names the three causes whatever the age', () => {
    for (const now of [created + 1000, created + 72 * HOUR]) {
      const { message } = explainForbidden(standardEvent(), now);
      expect(message).toMatch(/another delivery already answered/);
      expect(message).toMatch(/lacks chime:ChannelFlowCallback/);
      expect(message).toMatch(/expired/);
      expect(message).toMatch(/48 hours/);
    }
  });

  it('says expiry is likely once the message is 48 hours old, with its age in minutes', () => {
    const { message, attributes } = explainForbidden(standardEvent(), created + 48 * HOUR + 60_000);
    expect(attributes).toEqual({ likelyCause: 'expired', messageAgeMinutes: 48 * 60 + 1 });
    expect(message).toMatch(/most likely expired/);
  });

  it('rules expiry out for a younger message', () => {
    const { attributes } = explainForbidden(standardEvent(), created + 47 * HOUR);
    expect(attributes).toEqual({ likelyCause: 'duplicate-or-permission', messageAgeMinutes: 47 * 60 });
  });

  it('counts an edit from its LastEditedTimestamp, when it went PENDING again', () => {
    const event = standardEvent();
    event.ChannelMessage.LastEditedTimestamp = new Date(created + 47 * HOUR).toISOString();
    expect(explainForbidden(event, created + 49 * HOUR).attributes.likelyCause).toBe('duplicate-or-permission');
  });

  it('says it cannot tell when the event has no usable timestamp', () => {
    const event = standardEvent();
    delete event.ChannelMessage.CreatedTimestamp;
    event.ChannelMessage.LastEditedTimestamp = 'not a date';
    expect(explainForbidden(event).attributes).toEqual({ likelyCause: 'unknown' });
  });
});
