// Durations and times follow the display language.
import * as assert from 'node:assert/strict';
import { formatDuration, formatTime } from '../../src/views/format';
import { formatTime as panelTime } from '../../src/webview-ui/format';

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

  it('shows what toLocaleString shows (the formatters are cached), and falls back on a locale Intl refuses', () => {
    const t = Date.UTC(2024, 9, 10, 9, 15, 17);
    for (const locale of ['en-US', 'zh-CN', 'en', 'zh-cn']) {
      assert.equal(formatTime(t, locale), new Date(t).toLocaleString(locale));
      assert.equal(formatTime(t + 61_000, locale), new Date(t + 61_000).toLocaleString(locale), 'the cached formatter, used again');
      assert.equal(panelTime(t, locale), new Date(t).toLocaleString(locale));
    }
    assert.equal(formatTime(t, 'not a locale!'), new Date(t).toISOString());
    assert.equal(panelTime(t, 'not a locale!'), new Date(t).toLocaleString());
    assert.equal(panelTime(t, ''), new Date(t).toLocaleString());
    assert.equal(formatDuration(75_000, 'not a locale!'), '1m 15s');
    for (let i = 0; i < 100; i++) assert.equal(formatDuration(1000, `en-x-k${i}`), '1s', 'many locales: still correct once the cache is full');
  });
});
