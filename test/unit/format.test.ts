// Durations and times follow the display language.
import * as assert from 'node:assert/strict';
import { formatDuration, formatTime } from '../../src/views/format';

describe('format', () => {
  it('formats durations in English', () => {
    assert.equal(formatDuration(9_400), '9s');
    assert.equal(formatDuration(75_000), '1m 15s');
    assert.equal(formatDuration(3_700_000), '1h 1m');
    assert.equal(formatDuration(90_000_000), '1d 1h');
    assert.equal(formatDuration(-1), '');
  });

  it('formats durations in Chinese', () => {
    assert.equal(formatDuration(75_000, 'zh-cn'), '1分钟15秒');
    assert.equal(formatDuration(3_700_000, 'zh-cn'), '1小时1分钟');
  });

  it('formats times for the locale', () => {
    const t = Date.UTC(2024, 9, 10, 9, 15, 17);
    assert.match(formatTime(t, 'zh-cn'), /^2024\/10\/10/);
    assert.match(formatTime(t, 'en'), /^10\/10\/2024/);
  });
});
