/* Bilingual (en-US / zh-CN) messages of the simulator; the language comes from Accept-Language. */
import type { Lang } from './types';

const MESSAGES = {
  notLoggedIn: ['The current user has not logged on or a logon error has occurred. Please log in again.', '当前用户未登录或登录异常，请重新登录'],
  badCredentials: ['Bad credentials', '用户名或密码错误'],
  unknownAccessKey: ['AccessKey {0} does not exist', 'AccessKey {0} 不存在'],
  badSignature: ['AccessKey signature does not match', 'AccessKey 签名校验失败'],
  missingDate: ['The Date header is required for AccessKey authentication', 'AccessKey 认证需要 Date 请求头'],
  dateSkew: ['Request time {0} differs from the server time by 15 minutes or more', '请求时间 {0} 与服务器时间相差 15 分钟或以上'],
  notPermitted: ['You do not have permission to perform this operation', '无权限执行该操作'],
  pathNotFound: ['No handler found for {0} {1}', '请求的资源不存在：{0} {1}'],
  methodNotAllowed: ['Request method {0} is not supported', '不支持请求方法 {0}'],
  notFound: ['{0} {1} does not exist', '{0} {1} 不存在'],
  rateLimited: ['Excessive number of requests. Please try again later.', '请求过于频繁，请稍后再试'],
  serverError: ['Internal server error', '服务器内部错误'],
  badGateway: ['Bad gateway', '网关错误'],
  unavailable: ['Service unavailable', '服务不可用'],
  gatewayTimeout: ['Gateway timeout', '网关超时'],
  validation: ['Invalid request parameters', '请求参数不合法'],
  malformedBody: ['Malformed JSON request', '请求体不是合法的 JSON'],
  required: ['must not be empty', '不能为空'],
  nameRule: ['must start with a letter and contain only letters, digits and underscores (2-48 characters)', '必须以字母开头，只能包含字母、数字和下划线，长度为 2~48 个字符'],
  nameExists: ['a cluster named {0} already exists', '名为 {0} 的集群已存在'],
  packageNotFound: ['software package {0} does not exist', '软件包 {0} 不存在'],
  idcNotFound: ['IDC {0} does not exist', '机房 {0} 不存在'],
  hostNotFound: ['host {0} does not exist', '主机 {0} 不存在'],
  hostInUse: ['host {0} is already used by cluster {1}', '主机 {0} 已被集群 {1} 使用'],
  hostDuplicate: ['host {0} is listed more than once', '主机 {0} 重复'],
  zoneDuplicate: ['zone name {0} is duplicated', 'Zone 名称 {0} 重复'],
  oneOf: ['must be one of {0}', '必须是 {0} 之一'],
  nonEmptyList: ['must contain at least one item', '至少包含一项'],
  portRange: ['must be between 1 and 65535', '必须在 1 到 65535 之间'],
  hostTypeNotFound: ['host type {0} does not exist', '主机类型 {0} 不存在'],
  credentialNotFound: ['credential {0} does not exist', '凭据 {0} 不存在'],
  mustBeNumber: ['must be a number', '必须是数字'],
  pageSize: ['must be between 1 and 2000', '必须在 1 到 2000 之间'],
  pageNumber: ['must be at least 1', '必须大于等于 1'],
  sortFormat: ['must look like field,asc or field,desc', '格式应为 field,asc 或 field,desc'],
  clusterStatus: ['Cluster {0} is {1}; this operation requires {2}', '集群 {0} 当前状态为 {1}，该操作要求状态为 {2}'],
  tenantStatus: ['Tenant {0} is {1}; this operation requires NORMAL', '租户 {0} 当前状态为 {1}，该操作要求状态为 NORMAL'],
  tenantNotPrimary: ['Tenant {0} is not a primary tenant', '租户 {0} 不是主租户'],
  notStandbyOf: ['Tenant {0} is not a standby tenant of {1}', '租户 {0} 不是 {1} 的备租户'],
  pathTenantMismatch: ['Tenant {0} in the path is neither tenantId nor standbyTenantId', '路径中的租户 {0} 既不是 tenantId 也不是 standbyTenantId'],
  pathClusterMismatch: ['Tenant {0} does not belong to cluster {1}', '租户 {0} 不属于集群 {1}'],
  takeOverFailed: ['Takeover precheck failed: {0}', '接管预检查未通过：{0}'],
  alreadyManaged: ['the cluster at {0} is already managed by this OCP as {1}', '地址 {0} 上的集群已被当前 OCP 管理（{1}）'],
  clusterNameRequired: ['clusterName is required when connectionMode is proxy', 'connectionMode 为 proxy 时 clusterName 必填'],
  taskState: ['Task {0} is {1}; cannot {2}', '任务 {0} 当前状态为 {1}，不能执行 {2}'],
  subtaskState: ['Subtask {0} is {1}; cannot {2}', '子任务 {0} 当前状态为 {1}，不能执行 {2}'],
  prohibitRollback: ['Task {0} does not allow rollback', '任务 {0} 不允许回滚'],
  prohibitSkip: ['Subtask {0} does not allow skipping', '子任务 {0} 不允许跳过'],
  // precheck check results
  chkConnect: ['Connect to {0}:{1}', '连接 {0}:{1}'],
  chkConnectOk: ['connected', '连接成功'],
  chkConnectFail: ['cannot connect to {0}:{1}', '无法连接 {0}:{1}'],
  chkPassword: ['Check root@sys password', '检查 root@sys 密码'],
  chkPasswordOk: ['password is correct', '密码正确'],
  chkPasswordFail: ['access denied for root@sys: wrong password', 'root@sys 访问被拒绝：密码错误'],
  chkManaged: ['Check whether the cluster is already managed', '检查集群是否已被管理'],
  chkManagedOk: ['not managed by this OCP', '未被当前 OCP 管理'],
  chkVersion: ['Check OceanBase version', '检查 OceanBase 版本'],
  chkVersionOk: ['version {0} is supported', '版本 {0} 受支持'],
  chkProblem: ['Check cluster health', '检查集群健康状况'],
  chkOk: ['passed', '通过'],
  chkTenantRole: ['Check tenant role', '检查租户角色'],
  chkRelation: ['Check primary/standby relation', '检查主备关系'],
  chkClusterStatus: ['Check cluster status', '检查集群状态'],
  chkTenantStatus: ['Check tenant status', '检查租户状态'],
  chkLogSync: ['Check log synchronization', '检查日志同步'],
  chkLogSyncOk: ['standby is in sync, lag {0} s', '备租户已同步，延迟 {0} 秒'],
} satisfies Record<string, [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^\s*zh/i.test(acceptLanguage) ? 'zh-CN' : 'en-US';
}

export function t(lang: Lang, key: MessageKey, ...args: (string | number)[]): string {
  const pair = MESSAGES[key];
  const template = lang === 'zh-CN' ? pair[1] : pair[0];
  return template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

/** Localised entity names for "not found" messages. */
export function entity(lang: Lang, en: string): string {
  const zh: Record<string, string> = {
    Cluster: '集群', Tenant: '租户', Host: '主机', Task: '任务', Subtask: '子任务', Zone: 'Zone',
  };
  return lang === 'zh-CN' ? (zh[en] ?? en) : en;
}
