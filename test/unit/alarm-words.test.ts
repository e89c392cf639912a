// The words of alerts (src/views/words.ts): OCP console's level and status words in English and Chinese (ocp-terms.md
// §5), one message per level for counts (the level 1 word 停服 is not the cluster status 已停止), lower bounds said so.
import * as assert from 'node:assert/strict';
import { countAlarms, emptyAlarmCounts, normalizeAlarm, type Alarm } from '../../src/core/model/alarm';
import { alarmCountsText, alarmLevelWord, alarmStatusWord, alarmWords, clusterStatusWord } from '../../src/views/words';
import { en, zh } from './translator';

function alarms(levels: unknown[]): Alarm[] {
  return levels.map((level, i) => normalizeAlarm({ id: i + 1, level, status: 'Active', summary: `a${i}` })!);
}

describe('alert words', () => {
  it('uses the console\'s Chinese level and status words', () => {
    const w = alarmWords(zh);
    assert.deepEqual(Object.values(w.level).map((x) => x.replace(/（.*）$/, '')), ['停服', '严重', '警告', '注意', '提醒']);
    assert.deepEqual(w.status, { Active: '告警中', Inactive: '已恢复', Silenced: '已屏蔽', Inhibited: '已抑制' });
    // level 1 is not the cluster status "Stopped"
    assert.notEqual(w.level[1], clusterStatusWord(zh, { status: 'STOPPED', rawStatus: 'STOPPED' }));
    assert.match(clusterStatusWord(zh, { status: 'STOPPED', rawStatus: 'STOPPED' }), /已停止/);
  });

  it('counts by level, most severe first, only the levels present', () => {
    const c = countAlarms(alarms([3, 2, 3, undefined]));
    assert.equal(alarmCountsText(en, c), '1 Critical, 2 Warning, 1 of unknown level');
    assert.equal(alarmCountsText(zh, c), '严重 1，警告 2，未知等级 1');
    assert.equal(alarmCountsText(en, countAlarms(alarms([1, 5, 4]))), '1 Stopped, 1 Caution, 1 Reminder');
  });

  it('says nothing for no alert, and marks lower bounds when OCP had more than one page', () => {
    assert.equal(alarmCountsText(en, emptyAlarmCounts()), '');
    assert.equal(alarmCountsText(en, emptyAlarmCounts(), false), '');
    assert.equal(alarmCountsText(en, countAlarms(alarms([2])), false), 'at least 1 Critical');
    assert.equal(alarmCountsText(zh, countAlarms(alarms([2])), false), '至少 严重 1');
  });

  it('shows an unknown level or status raw', () => {
    assert.equal(alarmLevelWord(en, { level: undefined, rawLevel: '9' }), '9 (unknown level)');
    assert.equal(alarmLevelWord(zh, { level: 2, rawLevel: '2' }), '严重（2 级）');
    assert.equal(alarmStatusWord(en, { status: 'UNKNOWN', rawStatus: 'Pending' }), 'Pending (unknown status)');
    assert.equal(alarmStatusWord(en, { status: 'Inactive', rawStatus: 'Inactive' }), 'Restored');
  });
});
