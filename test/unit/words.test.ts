// The display words of OCP's enum values (src/views/words.ts): every value of every list in
// src/core/model/enums.ts has a word, in English and in Chinese, and the Chinese is the OCP console's.
import * as assert from 'node:assert/strict';
import * as enums from '../../src/core/model/enums';
import { accessibleLabel, clusterStatusWord, clusterTypeWord, taskStatusWord, tenantModeWord, tenantRoleWord, tenantStatusWord, withRaw, words, type Words } from '../../src/views/words';
import { en, zh } from './translator';

/** Which table of words covers which list of enums.ts. A new list there must be added here. */
const TABLES: Record<string, Array<keyof Words>> = {
  CLUSTER_STATUSES: ['clusterStatus'],
  TENANT_STATUSES: ['tenantStatus'],
  TASK_STATUSES: ['taskStatus'],
  SUBTASK_STATUSES: ['subtaskStatus'],
  OPERATIONS: ['operation'],
  ROLES: ['clusterType', 'tenantRole'],
  TENANT_MODES: ['tenantMode'],
};

/** The OCP console's words (shared/ocp-terms.md: OCP Express, else the OCP user guide). */
const CONSOLE_ZH: Partial<Record<keyof Words, Record<string, string>>> = {
  clusterStatus: {
    RUNNING: '运行中', CREATING: '创建中', DELETING: '删除中', STARTING: '启动中', RESTARTING: '重启中', STOPPING: '停止中',
    STOPPED: '已停止', TAKINGOVER: '接管中', MOVINGOUT: '迁出中', SWITCHOVER: '主备切换中', FAILOVER: '容灾切换中', OPERATING: '运维中',
  },
  tenantStatus: { NORMAL: '运行中', CREATING: '创建中', MODIFYING: '运维中', DELETING: '删除中' },
  taskStatus: { RUNNING: '运行中', FAILED: '失败', SUCCESSFUL: '已完成', PENDING: '待执行' },
  subtaskStatus: { PENDING: '待执行', READY: '准备执行', RUNNING: '运行中', CANCELING: '取消中', FAILED: '失败', SUCCESSFUL: '已完成' },
  operation: { EXECUTE: '正常执行', RETRY: '重试', ROLLBACK: '回滚', SKIP: '跳过', CANCEL: '取消', ROLLBACK_SKIP: '跳过回滚' },
  clusterType: { PRIMARY: '主集群', STANDBY: '备集群' },
  tenantRole: { PRIMARY: '主租户', STANDBY: '备租户' },
  tenantMode: { MYSQL: 'MySQL', ORACLE: 'Oracle' },
};

describe('display words of OCP values', () => {
  const lists = Object.entries(enums).filter(([, v]) => Array.isArray(v)) as Array<[string, readonly string[]]>;

  it('has a table for every list of values in enums.ts', () => {
    assert.ok(lists.length >= 7);
    assert.deepEqual(lists.map(([name]) => name).sort(), Object.keys(TABLES).sort());
  });

  for (const [lang, l10n] of [['English', en], ['Chinese', zh]] as const) {
    it(`gives every value a non-empty ${lang} word (the Chinese one from the zh-cn bundle)`, () => {
      const w = words(l10n);
      for (const [name, values] of lists) {
        for (const table of TABLES[name]) {
          for (const v of values) {
            const word = (w[table] as Record<string, string>)[v];
            assert.ok(word && word.trim(), `${table}.${v} has no ${lang} word`);
            if (lang === 'Chinese' && !/^(MySQL|Oracle)$/.test(word)) assert.match(word, /[\u4e00-\u9fff]/, `${table}.${v}: "${word}" is not Chinese`);
          }
        }
      }
    });
  }

  it('uses the OCP console\'s Chinese words', () => {
    const w = words(zh);
    for (const [table, expected] of Object.entries(CONSOLE_ZH)) {
      assert.deepEqual(w[table as keyof Words], expected, table);
    }
  });

  it('tells a cluster type from a tenant role, and shows an unknown value as itself', () => {
    assert.equal(clusterTypeWord(en, { type: 'PRIMARY' }), 'Primary cluster');
    assert.equal(tenantRoleWord(zh, { role: 'STANDBY' }), '备租户');
    assert.equal(clusterTypeWord(zh, { rawType: 'ARBITRATION' }), 'ARBITRATION');
    assert.equal(tenantRoleWord(en, {}), undefined);
    assert.equal(clusterStatusWord(zh, { status: 'UNKNOWN', rawStatus: 'HIBERNATING' }), zh.t('{0} (unknown status)', 'HIBERNATING'));
    assert.match(clusterStatusWord(en, { status: 'UNKNOWN', rawStatus: '' }), /^\? \(unknown status\)$/);
    assert.equal(tenantStatusWord(zh, { status: 'MODIFYING', rawStatus: 'MODIFYING' }), '运维中');
    assert.equal(taskStatusWord(en, { status: 'SUCCESSFUL', rawStatus: 'SUCCESSFUL' }), 'Completed');
    assert.equal(tenantModeWord(zh, { mode: 'UNKNOWN', rawMode: 'PG' }), 'PG');
    assert.equal(tenantModeWord(zh, { mode: 'ORACLE', rawMode: 'Oracle' }), 'Oracle');
  });

  it('keeps the raw value beside the word for searching, once', () => {
    assert.equal(withRaw('运行中', 'RUNNING'), '运行中 (RUNNING)');
    assert.equal(withRaw('HIBERNATING (unknown status)', 'HIBERNATING'), 'HIBERNATING (unknown status)');
    assert.equal(withRaw(undefined, 'X'), 'X');
    assert.equal(withRaw(undefined, ''), undefined);
    assert.equal(withRaw('Running', undefined), 'Running');
  });

  it('says a row\'s kind, name and status in words for screen readers', () => {
    assert.equal(accessibleLabel(en, 'cluster', 'obcluster_prod', 'Running', ['4.2.1.2', 'Primary cluster', undefined, '3 zones']),
      'obcluster_prod (cluster), status: Running, 4.2.1.2, Primary cluster, 3 zones');
    assert.equal(accessibleLabel(zh, 'tenant', 'order_mysql', '运行中', ['MySQL', '主租户']), 'order_mysql (租户)，状态：运行中，MySQL，主租户');
    assert.equal(accessibleLabel(zh, 'task', '#1 Stop cluster', '失败', []), '#1 Stop cluster (任务)，状态：失败');
  });
});
